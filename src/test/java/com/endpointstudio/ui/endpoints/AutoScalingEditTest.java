package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * A running endpoint's autoscaling is turned on, checked, changed and turned off from the
 * Endpoints screen; Application Auto Scaling (moto server) holds exactly what the dialog said.
 */
@ExtendWith(MotoExtension.class)
class AutoScalingEditTest extends StudioUiTest {

    private static final String RESOURCE = "endpoint/orders/variant/AllTraffic";


    @TempDir
    Path dir;




    private Optional<AutoScalingSpec> scaling(MotoServer moto) {
        try (var session = services.sessions().open(moto.connection())) {
            return com.endpointstudio.hosting.aws.AwsHosting.of(session).control().describeAutoScaling("orders",
                    "AllTraffic");
        }
    }

    private void openDialog() {
        clickOn("#autoScalingButton");
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#scale-AllTraffic").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the autoscaling dialog did not open", e);
        }
    }

    @Test
    void autoscalingIsTurnedOnCheckedChangedAndTurnedOff(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(v -> v.variantName("AllTraffic")
                    .modelName("m").instanceType("ml.m5.large").initialInstanceCount(2)));
            sagemaker.createEndpoint(b -> b.endpointName("orders").endpointConfigName("c"));
        }
        openOn(services, moto.connection(), "endpoints");
        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint"));
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#detailsTable")
                .<EndpointFacts.Fact>queryTableView().getItems().stream()
                .anyMatch(f -> f.label().equals("Endpoint config") && f.value().startsWith("c")));

        openDialog();
        assertThat(lookup("#min-AllTraffic").query().isDisabled()).isTrue();
        clickOn("#scale-AllTraffic");
        // the suggested range starts at the current 2 instances
        assertThat(lookup("#min-AllTraffic").<Spinner<Integer>>query().getValue()).isEqualTo(2);
        interact(() -> {
            lookup("#min-AllTraffic").<Spinner<Integer>>query().getValueFactory().setValue(3);
            lookup("#max-AllTraffic").<Spinner<Integer>>query().getValueFactory().setValue(2);
        });
        clickOn("#applyScalingButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#scalingProblem").queryLabeled().getText()).contains("Autoscaling maximum");
        interact(() -> lookup("#max-AllTraffic").<Spinner<Integer>>query().getValueFactory().setValue(6));
        interact(() -> lookup("#target-AllTraffic").queryTextInputControl().setText("50"));
        clickOn("#applyScalingButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> scaling(moto).isPresent());
        assertThat(scaling(moto)).hasValue(new AutoScalingSpec(3, 6, 50, 300, 60));
        try (var session = services.sessions().open(moto.connection());
             var client = session.client(ApplicationAutoScalingClient.builder())) {
            assertThat(client.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(RESOURCE))
                    .scalingPolicies()).singleElement().satisfies(p -> assertThat(p.targetTrackingScalingPolicyConfiguration()
                    .predefinedMetricSpecification().predefinedMetricTypeAsString())
                    .isEqualTo("SageMakerVariantInvocationsPerInstance"));
        }

        openDialog();
        assertThat(lookup("#max-AllTraffic").<Spinner<Integer>>query().getValue()).isEqualTo(6);
        clickOn("#scale-AllTraffic");
        clickOn("#applyScalingButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> scaling(moto).isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#progressLabel").queryLabeled().getText()
                .contains("AllTraffic: autoscaling off"));
    }
}
