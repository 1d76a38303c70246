package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.export.ExportFormat;
import com.endpointstudio.core.error.FieldError;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The wizard's review: the problems left, the cost, the spec (editable as JSON) and its exports. */
final class ReviewPanel {

    private final DeployViewModel model;

    @FXML private Label problemsTitle;
    @FXML private ListView<FieldError> problemsList;
    @FXML private Label reviewCostLabel;
    @FXML private TextArea specArea;
    @FXML private ToggleButton editSpecToggle;
    @FXML private Button applySpecButton;
    @FXML private Label specEditProblem;
    @FXML private Button saveSpecButton;
    @FXML private ComboBox<ExportFormat> exportChoice;
    @FXML private TextArea exportArea;
    @FXML private Button copyExportButton;
    @FXML private Button saveExportButton;
    @FXML private javafx.scene.layout.VBox doctorHolder;

    ReviewPanel(DeployViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        problemsList.setItems(model.problems());
        // a ready spec shows its title alone, not an empty list
        problemsList.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problemsList.managedProperty().bind(problemsList.visibleProperty());
        problemsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FieldError item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.field() + ": " + item.message());
            }
        });
        problemsTitle.textProperty().bind(Bindings.createStringBinding(() -> model.problems().isEmpty()
                ? "Ready: every field passes the SageMaker API's rules"
                : com.endpointstudio.ui.common.Plural.of(model.problems().size(), "problem") + " to fix before deploying", model.problems()));
        reviewCostLabel.textProperty().bind(Bindings.concat("Estimated cost: ", model.costTextProperty()));
        com.endpointstudio.ui.common.Views.wrapWithin((javafx.scene.layout.Region) reviewCostLabel.getParent());
        // Reviewing shows the spec; "Edit as JSON" lets power users add models, containers (Direct or
        // Serial) and variants the fields don't cover, then Apply checks and takes the document.
        model.specJsonProperty().addListener((obs, old, now) -> {
            if (!editSpecToggle.isSelected()) {
                specArea.setText(now);
            }
        });
        specArea.setText(model.specJsonProperty().get());
        specArea.editableProperty().bind(editSpecToggle.selectedProperty());
        applySpecButton.visibleProperty().bind(editSpecToggle.selectedProperty());
        applySpecButton.managedProperty().bind(applySpecButton.visibleProperty());
        editSpecToggle.selectedProperty().addListener((obs, old, now) -> {
            if (!now) {
                specArea.setText(model.specJsonProperty().get());
                specEditProblem.setText("");
            }
        });
        saveSpecButton.disableProperty().bind(model.validProperty().not());
        exportChoice.getItems().setAll(ExportFormat.values());
        exportChoice.valueProperty().bindBidirectional(model.exportFormatProperty());
        exportArea.textProperty().bind(model.exportTextProperty());
        copyExportButton.disableProperty().bind(model.validProperty().not());
        saveExportButton.disableProperty().bind(model.validProperty().not());
        ReviewDoctor doctor = model.doctor();
        if (doctor != null) {
            doctorHolder.getChildren().setAll(com.endpointstudio.ui.common.Views.load("deploy-doctor.fxml",
                    new com.endpointstudio.ui.doctor.DoctorPanel(doctor.preflight(), doctor.trial(),
                            doctor::tryOnThisComputer)));
        }
    }

    private Window window() {
        return specArea.getScene() == null ? null : specArea.getScene().getWindow();
    }

    @FXML
    private void onApplySpec() {
        try {
            model.applySpecJson(specArea.getText());
            specEditProblem.setText("");
            editSpecToggle.setSelected(false);
        } catch (RuntimeException e) {
            specEditProblem.setText(e.getMessage());
        }
    }

    @FXML
    private void onSaveSpec() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the deployment spec");
        String name = model.draft().name.get();
        chooser.setInitialFileName(name.isBlank() ? "deployment.json" : name + ".json");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            model.saveSpec(file.toPath());
        }
    }

    @FXML
    private void onCopyExport() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.exportTextProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void onSaveExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the export");
        chooser.setInitialFileName(model.exportFileName());
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            model.saveExport(file.toPath());
        }
    }
}
