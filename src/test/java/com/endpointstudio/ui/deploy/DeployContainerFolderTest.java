package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.byoc.ContainerTemplate;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import com.endpointstudio.testing.TestPython;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A bring-your-own-container folder as the wizard's custom image on Local: the spaCy container of
 * `byoc new` with a blank pipeline made in the test, deployed from the wizard to InService and invoked.
 */
class DeployContainerFolderTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void aSpacyContainerFolderDeploysOnLocalFromTheWizardAndAnswers() throws Exception {
        String python = TestPython.withModules(List.of("spacy", "flask", "gunicorn"), List.of("spacy", "flask", "gunicorn"));
        Path folder = dir.resolve("spacy-container");
        ContainerTemplate.write(folder, "spacy", false);
        Path model = dir.resolve("ner");
        Process made = new ProcessBuilder(python, "-c", "import sys, spacy; spacy.blank('en').to_disk(sys.argv[1])",
                model.toString()).redirectErrorStream(true).start();
        String out = new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(made.waitFor(120, TimeUnit.SECONDS) && made.exitValue() == 0).as(out).isTrue();

        StudioServices studio = new StudioServices(StudioPaths.under(dir.resolve("studio")),
                MotoServer.awsEnvironment(dir.resolve(".aws")));
        studio.settingsStore().save(studio.settingsStore().load().settings().withPythonInterpreter(python));
        open(studio, window -> window.shell().show("deploy"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#reviewStep").tryQuery().isPresent());

        interact(() -> lookup("#frameworkChoice").<String>queryComboBox().setValue("custom image"));
        clickOn("#nameField").write("nlp");
        clickOn("#modelDataField").write(model.toString());
        clickOn("#imageField").write(dir.resolve("missing-container").toString());
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#problemsList").<FieldError>queryListView().getItems())
                .anySatisfy(problem -> {
                    assertThat(problem.field()).isEqualTo("Container image");
                    assertThat(problem.message()).contains("neither an image reference nor a folder");
                });

        clickOn("#modelStep");
        interact(() -> lookup("#imageField").queryTextInputControl().setText(folder.toString()));
        clickOn("#environmentArea").write("MODEL_SERVER_WORKERS=1");
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#problemsList").<FieldError>queryListView().getItems()).isEmpty();

        clickOn("#deployStep");
        assertThat(lookup("#deployTarget").queryLabeled().getText()).contains("Local");
        clickOn(lookup("#deployButton").match(javafx.scene.Node::isVisible).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(services.localRuntime().url() + "/endpoints/nlp/invocations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("Hello there")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[{\"tokens\": [\"Hello\", \"there\"], \"entities\": []}]");
    }
}
