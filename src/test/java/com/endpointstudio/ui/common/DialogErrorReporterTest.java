package com.endpointstudio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.error.StudioException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The error dialog: the sentence and the AWS code up front, the stack trace only in the log it names. */
class DialogErrorReporterTest extends FxRobot {

    private static Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 640, 480));
            s.show();
        });
    }

    @AfterEach
    void closeDialogs() throws Exception {
        interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(javafx.stage.Window::hide));
    }

    @Test
    void anAwsErrorShowsItsSentenceCodeAndLogAndOpensTheLog() throws Exception {
        List<String> opened = new ArrayList<>();
        Path log = Path.of("/tmp/studio-logs/endpoint-studio.log");
        DialogErrorReporter errors = new DialogErrorReporter(() -> stage);
        errors.useLog(log, opened::add);
        errors.report("Deploy churn", new StudioException("The role can't be assumed by SageMaker.",
                "ValidationException", "4f1c-77", new IllegalStateException("inner")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing("#errorMessage"));
        WaitForAsyncUtils.waitForFxEvents(); // a pulse after showing, its nodes count as visible to clicks

        assertThat(lookup("#errorMessage").queryLabeled().getText()).isEqualTo("The role can't be assumed by SageMaker.");
        assertThat(lookup("#errorCodeLine").queryLabeled().getText())
                .isEqualTo("Error code ValidationException · request id 4f1c-77");
        assertThat(lookup("#errorLogPath").<TextField>query().getText()).isEqualTo(log.toString());
        DialogPane pane = lookup(".dialog-pane").query();
        assertThat(pane.getExpandableContent()).as("no stack trace in the dialog").isNull();

        clickOn("Open log");
        assertThat(opened).containsExactly(log.toUri().toString());
        assertThat(lookup("#errorMessage").tryQuery()).as("opening the log keeps the dialog").isPresent();
        clickOn("Copy details");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertThat(copied).contains("Deploy churn: The role can't be assumed by SageMaker.")
                .contains("ValidationException").doesNotContain("IllegalStateException");
    }

    @Test
    void aWarningIsNotAnError() throws Exception {
        DialogErrorReporter errors = new DialogErrorReporter(() -> stage);
        errors.warn("Settings", "settings.json could not be read; it was kept as settings.json.broken.");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing(".dialog-pane"));
        DialogPane pane = lookup(".dialog-pane").query();
        assertThat(pane.getStyleClass()).contains("warning");
        assertThat(pane.getHeaderText()).isEqualTo("Settings");
    }

    /** The node is in a window on screen: a dialog's nodes exist a moment before it shows. */
    private boolean showing(String query) {
        return lookup(query).tryQuery().map(node -> node.getScene() != null && node.getScene().getWindow() != null
                && node.getScene().getWindow().isShowing()).orElse(false);
    }
}
