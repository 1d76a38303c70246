package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.testing.InferenceRecommenderApi;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The deploy wizard's "Recommend…" on an AWS connection with AWS's Inference Recommender: the job's
 * own fields replace the load test's, a Model not yet on the connection shows at its field, and the
 * job's recommendations fill the table and become the variant.
 */
@ExtendWith(MotoExtension.class)
class InferenceRecommenderDialogTest extends StudioUiTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    @TempDir
    Path dir;

    @Test
    void anAdvancedJobsRecommendationBecomesTheVariant(MotoServer moto) throws Exception {
        moto.reset();
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "recommend");
        try (RecordingProxy proxy = RecordingProxy.in(moto.endpointUrl())
                .answering(new InferenceRecommenderApi(0)::answer)) {
            Connection aws = Connection.aws("Team account", MotoServer.PROFILE, MotoServer.REGION, proxy.url());
            var services = moto.services(dir);
            openOn(services, aws, "deploy");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#modelStep").tryQuery().isPresent());
            describeXgboostModel("churn", artifact, ROLE);
            clickOn("#endpointStep");
            clickOn("#recommendButton");
            WaitForAsyncUtils.waitForFxEvents();

            ComboBox<RecommendMethod> method = lookup("#methodChoice").queryComboBox();
            assertThat(method.getItems()).hasSize(3);
            assertThat(shown("#modelNameField")).as("the job's fields wait").isFalse();
            clickOn("#methodChoice");
            clickOn(RecommendMethod.ADVANCED_JOB.toString());
            WaitForAsyncUtils.waitForFxEvents();
            // the job's fields replace the load test's, filled from the spec
            assertThat(shown("#stepField")).isFalse();
            assertThat(shown("#sampleBody")).isFalse();
            assertThat(shown("#modelNameField")).isTrue();
            String modelName = lookup("#modelNameField").queryTextInputControl().getText();
            assertThat(modelName).isNotBlank();
            assertThat(lookup("#jobRoleField").queryTextInputControl().getText()).isEqualTo(ROLE);
            assertThat(lookup("#startRecommendButton").queryButton().getText())
                    .isEqualTo("Start the Inference Recommender job");
            interact(() -> {
                lookup("#candidatesField").queryTextInputControl().setText("ml.c5.large, ml.m5.xlarge");
                lookup("#targetRpsField").queryTextInputControl().setText("300");
                lookup("#p99Field").queryTextInputControl().setText("100");
            });

            // the spec isn't deployed yet: its Model isn't on the connection
            clickOn("#startRecommendButton");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#recommendProblems").query().isVisible());
            javafx.scene.control.Control modelField = lookup("#modelNameField").query();
            assertThat(lookup("#recommendProblems").queryLabeled().getText())
                    .startsWith("Model name: the Model " + modelName + " doesn't exist on this connection");
            assertThat(modelField.getPseudoClassStates()).contains(atlantafx.base.theme.Styles.STATE_DANGER);

            try (var session = services.sessions().open(moto.connection());
                 SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
                sagemaker.createModel(b -> b.modelName(modelName).executionRoleArn(ROLE).primaryContainer(c -> c.image(
                        "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")));
            }
            interact(() -> lookup("#modelNameField").queryTextInputControl().setText(modelName + " "));
            assertThat(lookup("#recommendProblems").query().isVisible()).as("editing the field clears it").isFalse();
            clickOn("#startRecommendButton");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> lookup("#recommendTable").queryTableView().getItems().size() == 2);
            WaitForAsyncUtils.waitForFxEvents();

            TableView<Recommendation.Row> table = lookup("#recommendTable").queryTableView();
            assertThat(table.getSelectionModel().getSelectedItem().instanceType()).isEqualTo("ml.m5.xlarge");
            assertThat(lookup("#recommendationLabel").queryLabeled().getText())
                    .startsWith("Recommended: 2 × ml.m5.xlarge for 300 requests/s within p99 100 ms");
            assertThat(proxy.requests()).extracting(RecordingProxy.Recorded::jsonOperation)
                    .contains("CreateInferenceRecommendationsJob");
            clickOn("Use selected");
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(lookup("#instanceTypeChoice").<String>queryComboBox().getValue()).isEqualTo("ml.m5.xlarge");
            javafx.scene.control.Spinner<Integer> count = lookup("#countSpinner").query();
            assertThat(count.getValue()).isEqualTo(2);
        }
    }
}
