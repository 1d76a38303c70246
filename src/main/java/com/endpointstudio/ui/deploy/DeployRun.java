package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.LatestValue;
import com.endpointstudio.ui.common.StatusModel;
import java.time.Duration;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The deploy step: runs the spec on the active connection's host off the FX thread, with the
 * timeline (steps, statuses, log lines) batched onto the FX thread, cancel, and roll back.
 */
public final class DeployRun {

    private final HostingProvider hosting;
    private final DeploymentJournal journal;
    private final Duration pollInterval;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;
    private final BatchedList<DeploymentEvent> timeline;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty outcome = new SimpleStringProperty("");
    private final ObjectProperty<DeploymentRecord> record = new SimpleObjectProperty<>();
    private CancelToken cancel;
    private Connection connection;

    public DeployRun(HostingProvider hosting, DeploymentJournal journal, Duration pollInterval, Background background,
                     ErrorReporter errors, StatusModel status) {
        this.hosting = hosting;
        this.journal = journal;
        this.pollInterval = pollInterval;
        this.background = background;
        this.errors = errors;
        this.status = status;
        this.timeline = new BatchedList<>(background.fx(), 5000);
    }

    public void start(DeploymentSpec spec, Connection target) {
        if (running.get()) {
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        connection = target;
        timeline.clear();
        running.set(true);
        progress.set(-1);
        outcome.set("Deploying " + spec.endpoint().name() + " to " + target.label() + "…");
        LatestValue<Double> uploaded = new LatestValue<>(background.fx(), progress::set);
        Runnable done = status.begin("Deploying " + spec.endpoint().name() + "…");
        background.run(() -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                DeploymentRunner runner = new DeploymentRunner(session.hosting(), journal, pollInterval, Duration.ofMinutes(60));
                DeploymentRecord planned = runner.plan(spec, target.id(), true);
                return runner.run(planned, event -> {
                    if (event.kind() == DeploymentEvent.Kind.PROGRESS) {
                        uploaded.publish(event.total() > 0 ? (double) event.done() / event.total() : -1);
                    } else {
                        timeline.add(event);
                    }
                }, token);
            }
        }, finished -> {
            done.run();
            running.set(false);
            progress.set(finished.state() == DeploymentRecord.State.SUCCEEDED ? 1 : 0);
            record.set(finished);
            outcome.set(switch (finished.state()) {
                case SUCCEEDED -> "Endpoint " + spec.endpoint().name() + " is InService.";
                case CANCELLED -> "Cancelled. Roll back to delete what this run created.";
                default -> "Failed: " + finished.failure();
            });
            status.show(outcome.get());
        }, error -> {
            done.run();
            running.set(false);
            outcome.set("Failed: " + error.getMessage());
            errors.report("Deploy", error);
        });
    }

    /** Lists the roles SageMaker may assume in the connection's account, for the role picker. */
    public void listRoles(Connection target, java.util.function.Consumer<java.util.List<String>> onRoles) {
        Runnable done = status.begin("Listing IAM roles…");
        background.run(() -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                return session.hosting().roles().assumableBySageMaker().stream()
                        .map(com.endpointstudio.core.hosting.ExecutionRoles.Role::arn).toList();
            }
        }, roles -> {
            done.run();
            status.show(roles.size() + " role(s) SageMaker can assume");
            onRoles.accept(roles);
        }, error -> {
            done.run();
            errors.report("List execution roles", error);
        });
    }

    /** Continues a run the journal shows unfinished (the studio stopped in the middle of it). */
    public void resume(DeploymentRecord unfinished, Connection target) {
        runRecorded(unfinished, target, false);
    }

    /** Deletes what an unfinished run had created. */
    public void cleanUp(DeploymentRecord unfinished, Connection target) {
        runRecorded(unfinished, target, true);
    }

    private void runRecorded(DeploymentRecord unfinished, Connection target, boolean cleanUp) {
        connection = target;
        record.set(unfinished);
        if (cleanUp) {
            rollback();
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        timeline.clear();
        outcome.set("Resuming the deployment of " + unfinished.spec().endpoint().name() + "…");
        background.run(() -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                return new DeploymentRunner(session.hosting(), journal, pollInterval, Duration.ofMinutes(60))
                        .run(unfinished, timeline::add, token);
            }
        }, finished -> {
            running.set(false);
            record.set(finished);
            outcome.set(finished.state() == DeploymentRecord.State.SUCCEEDED
                    ? "Endpoint " + finished.spec().endpoint().name() + " is InService." : "Failed: " + finished.failure());
        }, error -> {
            running.set(false);
            errors.report("Resume deployment", error);
        });
    }

    public DeploymentJournal journal() {
        return journal;
    }

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** Deletes exactly what the last run created. */
    public void rollback() {
        DeploymentRecord last = record.get();
        if (last == null || running.get()) {
            return;
        }
        running.set(true);
        Runnable done = status.begin("Rolling back " + last.spec().endpoint().name() + "…");
        background.run(() -> {
            try (HostingProvider.Session session = hosting.open(connection)) {
                return new DeploymentRunner(session.hosting(), journal, pollInterval, Duration.ofMinutes(60))
                        .rollback(last, timeline::add);
            }
        }, rolledBack -> {
            done.run();
            running.set(false);
            record.set(rolledBack);
            outcome.set("Rolled back: what this run created was deleted.");
        }, error -> {
            done.run();
            running.set(false);
            errors.report("Roll back", error);
        });
    }

    public ObservableList<DeploymentEvent> timeline() {
        return timeline.items();
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public ObjectProperty<DeploymentRecord> recordProperty() {
        return record;
    }
}
