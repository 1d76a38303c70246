package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.ui.common.Jobs;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * At start-up, finds deployments the journal shows still running — the studio stopped in the
 * middle of them — and offers to resume each, or clean up what it had created. The temporary
 * endpoints of a stopped right-sizing run are not offered: nothing of them is worth resuming, and
 * {@link com.endpointstudio.ui.recommend.RecommendLeftovers} deletes them when their connection opens.
 */
public final class UnfinishedDeployments {

    static final ButtonType RESUME = new ButtonType("Resume", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType CLEAN_UP = new ButtonType("Clean up", ButtonBar.ButtonData.OTHER);
    static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);

    private UnfinishedDeployments() {
    }

    public static void offer(DeployRun run, Jobs jobs, Function<String, Optional<Connection>> connections,
                             Runnable showDeployScreen, Window owner) {
        jobs.job("Read the deployment journal", job -> run.journal().all().stream()
                .filter(r -> r.state() == DeploymentRecord.State.RUNNING).toList()).quietly().onSuccess(interrupted -> {
                    for (DeploymentRecord record : interrupted) {
                        Optional<Connection> connection = connections.apply(record.connectionId());
                        if (connection.isPresent()) {
                            ask(run, record, connection.get(), showDeployScreen, owner);
                            return; // one at a time: the next one is offered at the next start
                        }
                    }
                }).start();
    }

    private static void ask(DeployRun run, DeploymentRecord record, Connection connection, Runnable showDeployScreen,
                            Window owner) {
        List<String> done = record.steps().stream().filter(s -> s.state() == DeploymentRecord.StepState.DONE)
                .map(DeploymentRecord.Step::title).toList();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", RESUME, CLEAN_UP, LATER);
        alert.initOwner(owner);
        alert.setTitle("Unfinished deployment");
        alert.setHeaderText("The deployment of " + record.spec().endpoint().name() + " to " + connection.label()
                + " was interrupted when the studio stopped.");
        alert.setContentText((done.isEmpty() ? "No step had finished." : "Finished steps: " + String.join(", ", done) + ".")
                + "\nResume it from the next step, or clean up: delete exactly what it created.");
        alert.showAndWait().ifPresent(choice -> {
            if (choice == RESUME) {
                showDeployScreen.run();
                run.resume(record, connection);
            } else if (choice == CLEAN_UP) {
                showDeployScreen.run();
                run.cleanUp(record, connection);
            }
        });
    }
}
