package com.endpointstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The README's "First steps, without an AWS account", done as written: the clicks it names, in
 * its order, with nothing typed; then its curl command's request and the answer it prints; then
 * "Call it", which the deploy step offers next.
 */
class ReadmeFirstStepsTest extends StudioUiTest {

    private static final Pattern CURL = Pattern.compile(
            "curl -s -X POST (\\S+) \\\\\\s*-H '([^']+)' -d '([^']+)'\\s*# (\\S.*)");

    @TempDir
    Path home;

    private String userHome;

    @AfterEach
    void restoreHome() {
        if (userHome != null) {
            System.setProperty("user.home", userHome);
        }
    }

    @Test
    void theFirstStepsDeployHousesAndItsCurlGetsTheReadmesAnswer() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String steps = readme.substring(readme.indexOf("## First steps, without an AWS account"),
                readme.indexOf("## The two commands"));
        Matcher curl = CURL.matcher(steps);
        assertThat(curl.find()).as("the README's curl command").isTrue();
        URI url = URI.create(curl.group(1));
        String[] header = curl.group(2).split(":\\s*", 2);
        // the studio writes its default output into the home folder: this test's own
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        open(new StudioServices(StudioPaths.under(home.resolve("studio")), MotoServer.awsEnvironment(home.resolve(".aws"))),
                studio -> { });

        // 1. "click Use the sample model, then Next and Build"
        clickOn("Use the sample model");
        clickOn("Next");
        clickOn("Build");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> lookup("#outcomeLabel").queryLabeled().getText().startsWith("Built"));
        // 2. "Click Deploy this artifact…, then the Deploy step and Deploy"
        clickOn("Deploy this artifact…");
        clickOn("4  Deploy");
        clickOn(lookup(".button").match((Node n) -> n.isVisible() && "Deploy".equals(((javafx.scene.control.Button) n)
                .getText())).<Node>query());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));
        String outcome = lookup("#deployOutcome").queryLabeled().getText();
        assertThat(outcome).startsWith("Endpoint houses is InService");

        // 3. the README's curl, sent where the runtime listens (the outcome says so when 8399 was taken)
        String runtime = services.localRuntime().url();
        assertThat(outcome).contains(runtime + "/endpoints/houses/invocations");
        if (URI.create(runtime).getPort() != url.getPort()) {
            assertThat(outcome).contains("port 8399 was taken");
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(runtime + url.getPath())).header(header[0], header[1])
                        .POST(HttpRequest.BodyPublishers.ofString(curl.group(3))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(curl.group(4).strip());

        // and the studio's own next step: Call it opens the console on houses with a request, Send answers
        clickOn("Call it");
        assertThat(lookup("#endpointChoice").<String>queryComboBox().getValue()).isEqualTo("houses");
        assertThat(lookup("#bodyArea").queryTextInputControl().getText()).isEqualTo("[[3, 80, 12]]");
        clickOn("#sendButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> lookup("#responseText").queryTextInputControl().getText().contains("235.9"));
    }
}
