package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The endpoint step hosts the model as an inference component: deployed on Local with two copies and called by name. */
class DeployComponentToLocalTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void theModelIsDeployedAsAComponentWithItsCopiesAndCalledByItsName() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        open(services, studio -> { });
        buildSampleArchive(dir.resolve("houses.tar.gz"));
        clickOn("#deployButton");
        WaitForAsyncUtils.waitForFxEvents();

        clickOn("#endpointStep");
        clickOn("#componentCheck");
        interact(() -> {
            lookup("#componentCpuField").queryTextInputControl().setText("1");
            lookup("#componentMemoryField").queryTextInputControl().setText("512");
            lookup("#componentCopiesSpinner").<Spinner<Integer>>query().getValueFactory().setValue(2);
        });
        assertThat(lookup("#autoScalingCheck").queryLabeled().getText()).isEqualTo("Autoscaling of the copies");
        InferenceComponentSpec component = window.deploy().draft().toSpec().inferenceComponents().get(0);
        assertThat(component.name()).isEqualTo("houses-ic");
        assertThat(component.copyCount()).isEqualTo(2);
        assertThat(component.compute().minMemoryMb()).isEqualTo(512);

        clickOn("#deployStep");
        clickOn(lookup("#deployButton").match(javafx.scene.Node::isVisible).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));

        try (var session = services.hostingProvider().open(Connection.local())) {
            assertThat(session.hosting().control().listInferenceComponents("houses"))
                    .extracting(ComponentDescription::name, ComponentDescription::status,
                            ComponentDescription::currentCopies)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("houses-ic", "InService", 2));
        }
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(services.localRuntime().url() + "/endpoints/houses/invocations"))
                .header("Content-Type", "text/csv").header("Accept", "text/csv")
                .header("X-Amzn-SageMaker-Inference-Component", "houses-ic")
                .POST(HttpRequest.BodyPublishers.ofString("2,50,30")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.body()).isEqualTo("146.0");
    }
}
