package com.endpointstudio.ui.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Theme;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import com.endpointstudio.ui.settings.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Batch transform screen driven as a user would, on Local hosting with real Python: a packaged model
 * folder scores a CSV file; the timeline shows the job, the output is listed and opened.
 */
class TransformScreenTest extends StudioUiTest {

    private static final String SUMMER = """
            def model_fn(model_dir):
                return None

            def input_fn(body, content_type):
                return [[float(x) for x in line.split(",")] for line in body.splitlines() if line]

            def predict_fn(rows, model):
                return [sum(row) for row in rows]

            def output_fn(sums, accept):
                return "".join("%g\\n" % s for s in sums), accept
            """;

    @TempDir
    Path dir;

    private void text(String id, String value) {
        interact(() -> lookup(id).queryTextInputControl().setText(value));
    }

    @SuppressWarnings("unchecked")
    private <T> void choose(String id, T value) {
        interact(() -> lookup(id).<ComboBox<T>>query().setValue(value));
    }

    @Test
    void aPackagedModelScoresACsvFileOnThisComputerAndItsOutputOpens() throws Exception {
        Path model = Files.createDirectories(dir.resolve("summer/code"));
        Files.writeString(model.resolve("inference.py"), SUMMER);
        Path input = Files.writeString(dir.resolve("input.csv"), "1,2\n3,4\n");
        open(new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws"))),
                studio -> studio.shell().show("transform"));

        choose("#sourceChoice", ModelSource.ARCHIVE);
        assertThat(lookup("#archiveField").query().isVisible()).isTrue();
        assertThat(lookup("#specRow").query().isVisible()).isFalse();
        text("#archiveField", model.getParent().toString());
        text("#modelNameField", "summer-model");
        text("#inputField", input.toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#problemsList")
                .<ListView<com.endpointstudio.core.error.FieldError>>query().getItems().stream()
                .anyMatch(p -> p.field().equals("Output")));
        assertThat(lookup("#startButton").queryButton().isDisabled()).isTrue();
        // the problem shows at its field too, and goes once the field is filled
        javafx.scene.control.Control output = lookup("#outputField").query();
        assertThat(output.getPseudoClassStates()).contains(atlantafx.base.theme.Styles.STATE_DANGER);
        assertThat(output.getTooltip().getText()).startsWith("is required");
        assertThat(lookup("#inputField").<javafx.scene.control.Control>query().getPseudoClassStates())
                .doesNotContain(atlantafx.base.theme.Styles.STATE_DANGER);
        text("#outputField", dir.resolve("results").toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#startButton").queryButton().isDisabled());
        assertThat(output.getPseudoClassStates()).doesNotContain(atlantafx.base.theme.Styles.STATE_DANGER);
        assertThat(lookup("#costLabel").queryLabeled().getText()).isEqualTo("Runs on this computer: no instance is "
                + "billed.");
        screenshot("transform-form");

        clickOn("#startButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> lookup("#outcomeLabel").queryLabeled().getText()
                .endsWith("is Completed."));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> timeline = lookup("#timelineList").query();
        assertThat(timeline.getItems()).extracting(Object::toString).anySatisfy(line -> assertThat(line)
                .contains("Model summer-model: created")).anySatisfy(line -> assertThat(line)
                .contains("[sagemaker logs]: MaxConcurrentTransforms=1"));
        assertThat(Files.readString(dir.resolve("results/input.csv.out"))).isEqualTo("3\n7\n");

        ListView<?> outputs = lookup("#outputsList").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !outputs.getItems().isEmpty());
        interact(() -> outputs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#previewArea").<TextArea>query().getText()
                .equals("3\n7\n"));
        assertThat(lookup("#costAfterLabel").<Label>query().getText()).isEqualTo("Ran on this computer: no instance "
                + "was billed.");
        screenshot("transform-done");
    }

    /** With -Dscreenshots=DIR, the screen at 1024 × 700 in the light and the dark theme, as PNG files. */
    private void screenshot(String name) throws Exception {
        String folder = System.getProperty("screenshots");
        if (folder == null) {
            return;
        }
        for (Theme theme : Theme.values()) {
            interact(() -> {
                ThemeManager.apply(theme);
                window.root().getScene().getWindow().setWidth(1024);
                window.root().getScene().getWindow().setHeight(700);
            });
            WaitForAsyncUtils.waitForFxEvents();
            Path file = Files.createDirectories(Path.of(folder)).resolve(name + "-" + theme.name().toLowerCase() + ".png");
            interact(() -> {
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(window.root().getScene().snapshot(null), null), "png",
                            file.toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        interact(() -> ThemeManager.apply(Theme.LIGHT));
    }
}
