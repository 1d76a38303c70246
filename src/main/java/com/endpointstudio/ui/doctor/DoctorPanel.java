package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.doctor.DoctorFinding;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;

/**
 * The deploy doctor's part of the wizard's review (deploy-doctor.fxml): its findings, "Check again",
 * and "Try it on this computer first" with a sample request.
 */
public final class DoctorPanel {

    private final PreflightModel preflight;
    private final LocalTrialModel trial;
    private final Runnable tryIt;

    @FXML private Label doctorSummary;
    @FXML private ProgressBar doctorProgress;
    @FXML private ListView<DoctorFinding> doctorFindings;
    @FXML private Button checkAgainButton;
    @FXML private TextField sampleField;
    @FXML private TextField contentTypeField;
    @FXML private Button tryButton;
    @FXML private Label trialOutcome;

    /** @param tryIt starts the trial with the wizard's current spec and connection */
    public DoctorPanel(PreflightModel preflight, LocalTrialModel trial, Runnable tryIt) {
        this.preflight = preflight;
        this.trial = trial;
        this.tryIt = tryIt;
    }

    @FXML
    private void initialize() {
        doctorSummary.textProperty().bind(preflight.summaryProperty());
        doctorProgress.progressProperty().bind(preflight.progressProperty());
        doctorProgress.visibleProperty().bind(preflight.runningProperty());
        doctorProgress.managedProperty().bind(doctorProgress.visibleProperty());
        doctorFindings.setItems(preflight.findings());
        doctorFindings.setCellFactory(list -> new DoctorFindingCell());
        doctorFindings.visibleProperty().bind(Bindings.isNotEmpty(preflight.findings()));
        doctorFindings.managedProperty().bind(doctorFindings.visibleProperty());
        checkAgainButton.disableProperty().bind(preflight.runningProperty());
        sampleField.textProperty().bindBidirectional(trial.sampleProperty());
        contentTypeField.textProperty().bindBidirectional(trial.contentTypeProperty());
        tryButton.textProperty().bind(Bindings.when(trial.runningProperty()).then("Cancel")
                .otherwise("Try it on this computer first"));
        trialOutcome.textProperty().bind(trial.outcomeProperty());
        trial.failedProperty().addListener((obs, old, now) -> trialOutcome.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), now));
    }

    @FXML
    private void onCheckAgain() {
        preflight.examineAgain();
    }

    @FXML
    private void onTry() {
        if (trial.runningProperty().get()) {
            trial.cancel();
        } else {
            tryIt.run();
        }
    }
}
