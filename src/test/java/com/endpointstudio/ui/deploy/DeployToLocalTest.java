package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** A newcomer's path without an AWS account: the packaged sample deployed on Local and invoked. */
class DeployToLocalTest extends StudioUiTest {


    @TempDir
    Path dir;




    @Test
    void aNewcomerPackagesTheSampleDeploysItOnLocalAndCallsIt() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        open(services, studio -> { });

        Path artifact = dir.resolve("houses.tar.gz");
        buildSampleArchive(artifact);
        clickOn("#deployButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#nameField").queryTextInputControl().getText()).isEqualTo("houses");
        assertThat(lookup("#modelDataField").queryTextInputControl().getText()).isEqualTo(artifact.toString());

        clickOn("#deployStep");
        assertThat(lookup("#deployTarget").queryLabeled().getText()).contains("Local").contains("127.0.0.1");
        clickOn(lookup("#deployButton").match(javafx.scene.Node::isVisible).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));

        String runtime = services.localRuntime().url();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(runtime + "/endpoints/houses/invocations")).header("Content-Type", "text/csv")
                .header("Accept", "text/csv").POST(HttpRequest.BodyPublishers.ofString("2,50,30")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.body()).isEqualTo("146.0");
        assertThat(csv.headers().firstValue("x-Amzn-Invoked-Production-Variant")).hasValue("AllTraffic");
        interact(() -> window.shell().show("connections"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#localRuntimeLabel").queryLabeled().getText()
                .contains(runtime));
    }
}
