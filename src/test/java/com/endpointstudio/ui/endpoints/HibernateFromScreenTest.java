package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * An InService endpoint hibernates from the Endpoints screen and wakes from its hibernated line:
 * in between SageMaker (moto server) has no such endpoint but keeps its config; after, it serves
 * again with its autoscaling.
 */
@ExtendWith(MotoExtension.class)
class HibernateFromScreenTest extends StudioUiTest {

    @TempDir
    Path dir;

    private Optional<AutoScalingSpec> scaling(MotoServer moto) {
        try (var session = services.sessions().open(moto.connection())) {
            return com.endpointstudio.hosting.aws.AwsHosting.of(session).control().describeAutoScaling("orders",
                    "AllTraffic");
        }
    }

    private boolean endpointExists(MotoServer moto) {
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            return sagemaker.listEndpoints().endpoints().stream().anyMatch(e -> e.endpointName().equals("orders"));
        }
    }

    @Test
    void anEndpointHibernatesAndWakesWithItsAutoscaling(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        AutoScalingSpec scaling = new AutoScalingSpec(1, 3, 200.0, 300, 60);
        moto.createEndpoints(services, "orders");
        try (var session = services.sessions().open(moto.connection())) {
            com.endpointstudio.hosting.aws.AwsHosting.of(session).control().configureAutoScaling("orders",
                    new VariantSpec("AllTraffic", "m", "ml.m5.large", 1, 1.0, null, scaling));
        }
        openOn(services, moto.connection(), "endpoints");
        clickOn("#loadButton");
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1
                && "InService".equals(table.getItems().get(0).statusProperty().get()));
        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#hibernateButton").queryButton().isDisabled());

        clickOn("#hibernateButton");
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#wake-orders").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertThat(lookup("#progressLabel").queryLabeled().getText()).startsWith("orders hibernates, saving $");
        assertThat(endpointExists(moto)).isFalse();
        assertThat(scaling(moto)).isEmpty();

        clickOn("#wake-orders");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#progressLabel").queryLabeled().getText()
                .equals("orders is InService again."));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(lookup("#wake-orders").tryQuery()).isEmpty();
        assertThat(endpointExists(moto)).isTrue();
        assertThat(scaling(moto)).contains(scaling);
    }
}
