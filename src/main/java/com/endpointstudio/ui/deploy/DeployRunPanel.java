package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.error.FieldError;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;

/** The wizard's deploy step: where the spec goes, Deploy, Cancel and Roll back, the progress and the timeline. */
final class DeployRunPanel {

    private final DeployViewModel model;

    @FXML private Label deployTarget;
    @FXML private Label doctorNote;
    @FXML private Button deployButton;
    @FXML private Button cancelDeployButton;
    @FXML private Button rollbackButton;
    @FXML private ProgressBar deployProgress;
    @FXML private Label deployOutcome;
    @FXML private ListView<DeploymentEvent> timelineList;
    @FXML private javafx.scene.Node nextSteps;

    DeployRunPanel(DeployViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        doctorNote.visibleProperty().bind(doctorNote.textProperty().isNotEmpty());
        doctorNote.managedProperty().bind(doctorNote.visibleProperty());
        DeployRun run = model.run();
        if (run == null) {
            deployButton.setDisable(true);
            return;
        }
        timelineList.setItems(run.timeline());
        run.timeline().addListener((ListChangeListener<Object>) c ->
                timelineList.scrollTo(timelineList.getItems().size() - 1));
        cancelDeployButton.disableProperty().bind(run.runningProperty().not());
        rollbackButton.disableProperty().bind(Bindings.createBooleanBinding(() -> run.runningProperty().get()
                || run.recordProperty().get() == null || !run.recordProperty().get().isUnfinished(),
                run.runningProperty(), run.recordProperty()));
        deployProgress.progressProperty().bind(run.progressProperty());
        deployProgress.visibleProperty().bind(run.runningProperty());
        deployOutcome.textProperty().bind(run.outcomeProperty());
        // no outcome, no line: an emptied label's text keeps its last wrapping width and spilled past the page
        deployOutcome.visibleProperty().bind(run.outcomeProperty().isNotEmpty());
        deployOutcome.managedProperty().bind(deployOutcome.visibleProperty());
        nextSteps.visibleProperty().bind(run.inServiceProperty().isNotNull());
        nextSteps.managedProperty().bind(nextSteps.visibleProperty());
        model.problems().addListener((ListChangeListener<FieldError>) c -> showTarget());
        run.runningProperty().addListener((obs, old, now) -> showTarget());
        run.connectionProperty().addListener((obs, old, now) -> showTarget());
        model.draft().name.addListener((obs, old, now) -> showTarget());
        if (model.doctor() != null) {
            for (javafx.beans.Observable change : model.doctor().changes()) {
                change.addListener(obs -> showTarget());
            }
        }
        showTarget();
    }

    /** Refreshed when the wizard comes to this step, the connection or the draft changes. */
    void showTarget() {
        DeployRun run = model.run();
        if (run == null) {
            return;
        }
        boolean running = run.runningProperty().get();
        Connection busyWith = run.connectionProperty().get();
        if (running && busyWith != null) {
            // a run goes on under the connection it started on, whichever is active now
            deployButton.setDisable(true);
            deployTarget.setText("Deploying to " + busyWith.label() + ".");
            doctorNote.setText("");
            return;
        }
        String blocker = model.deployBlocker();
        deployButton.setDisable(blocker != null || running);
        Connection target = model.target();
        boolean local = target != null && target.isLocal();
        deployTarget.setText(blocker != null ? blocker : "Deploys " + model.draft().name.get() + " to "
                + target.label()
                + (local ? " (this computer: a Python process serves the model on 127.0.0.1)" : "") + ": "
                + (local ? "" : "upload → ") + "CreateModel → CreateEndpointConfig → CreateEndpoint → InService, "
                + "each step journaled so a failure or cancel can be rolled back.");
        ReviewDoctor doctor = model.doctor();
        String withdrawn = doctor != null ? doctor.withdrawn() : null;
        // a withdrawn Deploy is news (a warning); the doctor at work is not
        doctorNote.getStyleClass().setAll("label", withdrawn != null ? "warning" : "text-muted");
        doctorNote.setText(blocker != null || doctor == null ? "" : (withdrawn != null ? withdrawn + " " : "")
                + (doctor.checking() ? "The deploy doctor is checking the model: Deploy goes ahead once it finds no "
                + "error." : ""));
    }

    @FXML
    private void onDeploy() {
        model.deploy();
    }

    @FXML
    private void onCallIt() {
        model.run().callIt();
    }

    @FXML
    private void onOpenMetrics() {
        model.run().openMetrics();
    }

    @FXML
    private void onCopyCurl() {
        copy(model.run().snippets().curl());
    }

    @FXML
    private void onCopyBoto3() {
        copy(model.run().snippets().boto3());
    }

    @FXML
    private void onCopyCli() {
        copy(model.run().snippets().awsCli());
    }

    private static void copy(String text) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void onCancelDeploy() {
        model.run().cancel();
    }

    @FXML
    private void onRollback() {
        model.run().rollback();
    }
}
