package com.endpointstudio.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows errors as an alert with the sentence up front, the AWS error code and request id under
 * it, and where the log (with the stack trace) is, with buttons that copy the details and open
 * the log. Also the uncaught-exception handler.
 */
public final class DialogErrorReporter implements ErrorReporter, Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DialogErrorReporter.class);
    private static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
    private static final ButtonType OPEN_LOG = new ButtonType("Open log", ButtonBar.ButtonData.LEFT);

    private final Supplier<Window> owner;
    private java.nio.file.Path logFile;
    private java.util.function.Consumer<String> opener = url -> { };

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

    @Override
    public void warn(String title, String message) {
        LOG.warn("{}: {}", title, message);
        Runnable show = () -> {
            Alert alert = new Alert(Alert.AlertType.WARNING, "", ButtonType.OK);
            alert.initOwner(owner.get());
            alert.setTitle(title);
            alert.setHeaderText(title);
            Label text = new Label(message);
            text.setWrapText(true);
            text.setMaxWidth(520);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            alert.getDialogPane().setContent(text);
            alert.show();
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }

    /** Where the log is, and how to open it (the application's host services), for the dialog's "Open log". */
    public void useLog(java.nio.file.Path logFile, java.util.function.Consumer<String> opener) {
        this.logFile = logFile;
        this.opener = opener;
    }

    /**
     * The sentence up front, the AWS error code and request id under it, and where the log is: the
     * stack trace goes to the log, never into the dialog.
     */
    private void show(String title, ErrorDetails error) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK, COPY, OPEN_LOG);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label message = new Label(error.message());
        message.setId("errorMessage");
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox body = new VBox(8, message);
        if (!error.codeLine().isEmpty()) {
            Label code = new Label(error.codeLine());
            code.setId("errorCodeLine");
            code.getStyleClass().add("text-muted");
            code.setWrapText(true);
            code.setMaxWidth(520);
            body.getChildren().add(code);
        }
        if (logFile != null) {
            javafx.scene.control.TextField where = new javafx.scene.control.TextField(logFile.toString());
            where.setId("errorLogPath");
            where.setEditable(false);
            where.setPrefColumnCount(40);
            body.getChildren().addAll(new Label("The details are in the log:"), where);
        }
        alert.getDialogPane().setContent(body);
        // Copying and opening the log must not close the dialog.
        alert.getDialogPane().lookupButton(COPY).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(title + ": " + error.message() + (error.codeLine().isEmpty() ? ""
                    : "\n" + error.codeLine()));
            Clipboard.getSystemClipboard().setContent(content);
            event.consume();
        });
        javafx.scene.Node open = alert.getDialogPane().lookupButton(OPEN_LOG);
        open.setDisable(logFile == null);
        open.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            opener.accept(logFile.toUri().toString());
            event.consume();
        });
        alert.show();
    }
}
