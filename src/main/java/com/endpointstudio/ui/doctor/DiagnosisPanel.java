package com.endpointstudio.ui.doctor;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;

/** The Endpoints screen's diagnosis of a Failed endpoint (endpoints-diagnosis.fxml), and its reproduction here. */
public final class DiagnosisPanel {

    private final DiagnosisModel model;

    @FXML private Label diagnosisHint;
    @FXML private TextArea diagnosisArea;
    @FXML private Button reproduceButton;
    @FXML private ProgressIndicator reproducingIndicator;
    @FXML private javafx.scene.layout.HBox reproduceRow;
    @FXML private TextArea reproductionArea;

    public DiagnosisPanel(DiagnosisModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        diagnosisArea.textProperty().bind(model.diagnosisProperty());
        reproductionArea.textProperty().bind(model.reproductionProperty());
        var empty = model.diagnosisProperty().isEmpty();
        diagnosisHint.visibleProperty().bind(empty);
        diagnosisHint.managedProperty().bind(empty);
        reproduceButton.disableProperty().bind(empty.or(model.reproducingProperty()).or(model.diagnosingProperty()));
        reproducingIndicator.visibleProperty().bind(model.reproducingProperty());
        reproduceRow.visibleProperty().bind(model.reproducibleProperty());
        reproduceRow.managedProperty().bind(reproduceRow.visibleProperty());
        reproductionArea.visibleProperty().bind(Bindings.isNotEmpty(model.reproductionProperty()));
        reproductionArea.managedProperty().bind(reproductionArea.visibleProperty());
    }

    @FXML
    private void onReproduce() {
        model.reproduce();
    }
}
