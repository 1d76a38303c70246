package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.SampleModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A newcomer's path without an AWS account: the packaged sample deployed on Local and invoked. */
class DeployToLocalTest extends FxRobot {

    private static Stage stage;

    @TempDir
    Path dir;

    private StudioServices services;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        services.close();
    }

    @Test
    void theSampleIsDeployedOnLocalWithoutARoleAndAnswers() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        PackageTree tree = SampleModel.tree();
        Path artifact = dir.resolve("houses.tar.gz");
        services.packager().build(tree.toPlan(), Set.of(), artifact, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        StudioWindow[] window = new StudioWindow[1];
        FxToolkit.setupFixture(() -> {
            window[0] = new StudioWindow(services, stage);
            stage.setScene(window[0].createScene());
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
            window[0].shell().show("deploy");
            window[0].deploy().useModelData(artifact, false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#nameField").queryTextInputControl().getText()).isEqualTo("houses");
        interact(() -> lookup("#frameworkChoice").<String>queryComboBox().setValue("sklearn"));

        clickOn("#deployStep");
        assertThat(lookup("#deployTarget").queryLabeled().getText()).contains("Local").contains("127.0.0.1");
        clickOn("#deployButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));

        int port = services.localHost().port("houses");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/invocations")).header("Content-Type", "text/csv")
                .header("Accept", "text/csv").POST(HttpRequest.BodyPublishers.ofString("2,50,30")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("146.0");

        String runtime = services.localRuntime().url();
        HttpResponse<String> throughRuntime = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(runtime + "/endpoints/houses/invocations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[[3, 80, 12]]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(throughRuntime.body()).isEqualTo("{\"predictions\": [235.9]}");
        assertThat(throughRuntime.headers().firstValue("x-Amzn-Invoked-Production-Variant")).hasValue("AllTraffic");
        interact(() -> window[0].shell().show("connections"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#localRuntimeLabel").queryLabeled().getText()
                .contains(runtime));
    }
}
