package com.endpointstudio.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows errors as an alert with the sentence up front, the AWS error code and request id under
 * it, and the stack trace under "details", with a button that copies them all. Also the
 * uncaught-exception handler.
 */
public final class DialogErrorReporter implements ErrorReporter, Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DialogErrorReporter.class);
    private static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);

    private final Supplier<Window> owner;

    public DialogErrorReporter(Supplier<Window> owner) {
        this.owner = owner;
    }

    public void installAsUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        report("Unexpected error", error);
    }

    @Override
    public void report(String title, Throwable error) {
        LOG.error("{}: {}", title, error.getMessage(), error);
        if (Platform.isFxApplicationThread()) {
            show(title, ErrorDetails.of(error));
        } else {
            Platform.runLater(() -> show(title, ErrorDetails.of(error)));
        }
    }

    private void show(String title, ErrorDetails error) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK, COPY);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label message = new Label(error.message());
        message.setWrapText(true);
        message.setMaxWidth(520);
        VBox body = new VBox(6, message);
        if (!error.codeLine().isEmpty()) {
            Label code = new Label(error.codeLine());
            code.setId("errorCodeLine");
            code.getStyleClass().add("text-muted");
            code.setWrapText(true);
            code.setMaxWidth(520);
            body.getChildren().add(code);
        }
        alert.getDialogPane().setContent(body);
        TextArea details = new TextArea(error.details());
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        // Copying must not close the dialog.
        alert.getDialogPane().lookupButton(COPY).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(error.message() + "\n\n" + error.details());
            Clipboard.getSystemClipboard().setContent(content);
            event.consume();
        });
        alert.show();
    }
}
