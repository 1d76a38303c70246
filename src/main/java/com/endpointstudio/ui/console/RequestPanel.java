package com.endpointstudio.ui.console;

import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.core.invoke.history.SavedRequest;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The console's request editor: headers and targets, the body typed or dropped, saved requests. */
final class RequestPanel {

    private final ConsoleViewModel console;
    private final RequestEditorModel model;

    @FXML private ComboBox<String> contentTypeChoice;
    @FXML private ComboBox<String> acceptChoice;
    @FXML private TextField targetVariantField;
    @FXML private ComboBox<String> targetModelChoice;
    @FXML private TextField targetContainerField;
    @FXML private TextField inferenceComponentField;
    @FXML private TextField inferenceIdField;
    @FXML private TextField customAttributesField;
    @FXML private Button formatJsonButton;
    @FXML private Button clearFileButton;
    @FXML private TextArea bodyArea;
    @FXML private Label bodySummaryLabel;
    @FXML private Label requestProblemLabel;
    @FXML private ComboBox<SavedRequest> savedChoice;

    RequestPanel(ConsoleViewModel console) {
        this.console = console;
        this.model = console.editor();
    }

    @FXML
    private void initialize() {
        contentTypeChoice.getItems().setAll(Payloads.CONTENT_TYPES);
        contentTypeChoice.valueProperty().bindBidirectional(model.contentType);
        acceptChoice.getItems().setAll(Payloads.CONTENT_TYPES);
        acceptChoice.valueProperty().bindBidirectional(model.accept);
        targetVariantField.textProperty().bindBidirectional(model.targetVariant);
        targetModelChoice.setItems(console.targetModels());
        targetModelChoice.valueProperty().bindBidirectional(model.targetModel);
        targetModelChoice.getEditor().textProperty().addListener((obs, old, now) -> model.targetModel.set(now));
        targetContainerField.textProperty().bindBidirectional(model.targetContainer);
        inferenceComponentField.textProperty().bindBidirectional(model.inferenceComponent);
        inferenceIdField.textProperty().bindBidirectional(model.inferenceId);
        customAttributesField.textProperty().bindBidirectional(model.customAttributes);
        bodyArea.textProperty().bindBidirectional(model.bodyText);
        bodyArea.disableProperty().bind(model.fileBody.isNotNull());
        clearFileButton.visibleProperty().bind(model.fileBody.isNotNull());
        clearFileButton.managedProperty().bind(clearFileButton.visibleProperty());
        formatJsonButton.disableProperty().bind(model.fileBody.isNotNull());
        bodySummaryLabel.textProperty().bind(model.bodySummaryProperty());
        requestProblemLabel.textProperty().bind(model.problemProperty());
        bodyArea.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                event.consume();
            }
        });
        bodyArea.setOnDragDropped(event -> {
            if (event.getDragboard().hasFiles()) {
                model.useFile(event.getDragboard().getFiles().get(0).toPath());
                event.setDropCompleted(true);
                event.consume();
            }
        });
        savedChoice.setItems(console.history().saved());
        savedChoice.setCellFactory(list -> savedCell());
        savedChoice.setButtonCell(savedCell());
        savedChoice.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.load(now.request());
            }
        });
    }

    private static ListCell<SavedRequest> savedCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(SavedRequest item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        };
    }

    private Window window() {
        return bodyArea.getScene() == null ? null : bodyArea.getScene().getWindow();
    }

    @FXML
    private void onListTargetModels() {
        console.listTargetModels();
    }

    @FXML
    private void onFormatJson() {
        model.formatJson();
    }

    @FXML
    private void onOpenFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Request body");
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.useFile(file.toPath());
        }
    }

    @FXML
    private void onClearFile() {
        model.clearFile();
    }

    @FXML
    private void onSaveRequest() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(window());
        dialog.setHeaderText("Save this request of " + model.endpoint() + " as");
        dialog.showAndWait().ifPresent(console::save);
    }
}
