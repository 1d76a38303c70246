package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** "Open as spec…" on an endpoint made without the studio: the deploy wizard shows its spec, ready to export. */
@ExtendWith(MotoExtension.class)
class OpenAsSpecTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void anEndpointOpensInTheDeployWizardAsItsSpec(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("fraud-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                            .modelDataUrl("s3://models/fraud/model.tar.gz")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("fraud-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("fraud-model").instanceType("ml.c5.xlarge")
                    .initialInstanceCount(2)));
            sagemaker.createEndpoint(b -> b.endpointName("fraud").endpointConfigName("fraud-config")
                    .tags(t -> t.key("team").value("risk")));
        }
        openOn(services, moto.connection(), "endpoints");
        clickOn("#loadButton");
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        interact(() -> table.getSelectionModel().select(0));

        clickOn("#openSpecButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#specArea").tryQuery()
                .map(node -> ((javafx.scene.control.TextInputControl) node).getText().contains("fraud-config"))
                .orElse(false));

        String json = lookup("#specArea").queryTextInputControl().getText();
        assertThat(json).contains("\"name\" : \"fraud\"").contains("ml.c5.xlarge").contains("\"team\" : \"risk\"")
                .contains("s3://models/fraud/model.tar.gz");
        clickOn("#modelStep");
        assertThat(lookup("#nameField").queryTextInputControl().getText()).isEqualTo("fraud");
    }
}
