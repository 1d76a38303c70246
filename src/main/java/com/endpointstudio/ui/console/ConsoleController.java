package com.endpointstudio.ui.console;

import com.endpointstudio.ui.common.Views;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/** The Console screen: the endpoint toolbar, and the request, response, history and load test panels. */
public final class ConsoleController {

    private final ConsoleViewModel model;
    private final Consumer<String> openDocument;

    @FXML private BorderPane root;
    @FXML private ComboBox<String> endpointChoice;
    @FXML private ComboBox<RequestEditorModel.Mode> modeChoice;
    @FXML private TextField asyncPrefixField;
    @FXML private ProgressIndicator sendingIndicator;
    @FXML private Button sendButton;
    @FXML private Button cancelButton;
    @FXML private StackPane requestHolder;
    @FXML private StackPane responseHolder;
    @FXML private StackPane historyHolder;
    @FXML private StackPane loadTestHolder;
    @FXML private javafx.scene.control.Label runtimeNote;

    /** @param openDocument opens a URL in the user's browser (log pages, log files) */
    public ConsoleController(ConsoleViewModel model, Consumer<String> openDocument) {
        this.model = model;
        this.openDocument = openDocument;
    }

    @FXML
    private void initialize() {
        RequestEditorModel editor = model.editor();
        endpointChoice.setItems(model.endpoints());
        endpointChoice.valueProperty().bindBidirectional(editor.endpointName);
        endpointChoice.getEditor().textProperty().addListener((obs, old, now) -> editor.endpointName.set(now));
        modeChoice.getItems().setAll(RequestEditorModel.Mode.values());
        modeChoice.valueProperty().bindBidirectional(editor.mode);
        asyncPrefixField.textProperty().bindBidirectional(editor.asyncInputPrefix);
        asyncPrefixField.visibleProperty().bind(editor.mode.isEqualTo(RequestEditorModel.Mode.ASYNC));
        asyncPrefixField.managedProperty().bind(asyncPrefixField.visibleProperty());
        var sending = model.response().sendingProperty();
        sendingIndicator.visibleProperty().bind(sending);
        sendButton.disableProperty().bind(sending);
        cancelButton.disableProperty().bind(sending.not());

        // the runtime's address is read again each time the endpoints are (after a connection change, too)
        model.endpoints().addListener((javafx.collections.ListChangeListener<String>) change -> showRuntimeNote());
        showRuntimeNote();
        requestHolder.getChildren().setAll(Views.load("console-request.fxml", new RequestPanel(model)));
        ResponsePanel response = new ResponsePanel(model, openDocument);
        responseHolder.getChildren().setAll(Views.load("console-response.fxml", response));
        historyHolder.getChildren().setAll(Views.load("console-history.fxml", new HistoryPanel(model, entry -> {
            editor.load(entry.request());
            response.showStored(entry);
        })));
        loadTestHolder.getChildren().setAll(Views.load("console-loadtest.fxml", new LoadTestPanel(model.loadTest())));
        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(event)) {
                model.send();
                event.consume();
            }
        });
    }

    private void showRuntimeNote() {
        String note = model.runtimeNote();
        runtimeNote.setText(note);
        runtimeNote.setVisible(!note.isEmpty());
        runtimeNote.setManaged(!note.isEmpty());
    }

    @FXML
    private void onListEndpoints() {
        model.refreshEndpoints();
    }

    @FXML
    private void onShowMetrics() {
        model.showMetrics();
    }

    @FXML
    private void onSend() {
        model.send();
    }

    @FXML
    private void onCancel() {
        model.response().cancel();
    }
}
