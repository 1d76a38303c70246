package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.ExecutionRoles;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.LatestValue;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The deploy step: runs the spec on a connection's host as a job, with the timeline (steps,
 * statuses, log lines) batched onto the FX thread, cancel, and roll back. A failed run shows and
 * reports its failure with the AWS error code and request id, which the journal keeps too. The run
 * remembers its connection: its timeline is not shown under another one.
 */
public final class DeployRun {

    private final HostingProvider hosting;
    private final DeploymentJournal journal;
    private final Duration pollInterval;
    private final Jobs jobs;
    private final BatchedList<DeploymentEvent> timeline;
    private final JobSlot running = new JobSlot();
    private final JobSlot roles = new JobSlot();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty outcome = new SimpleStringProperty("");
    private final ObjectProperty<DeploymentRecord> record = new SimpleObjectProperty<>();
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    /** Stops the run in progress; its record (Cancelled, ready to roll back) still comes back. */
    private CancelToken stop;

    private final ObjectProperty<DeploymentSpec> inService = new javafx.beans.property.SimpleObjectProperty<>();
    private java.util.function.Supplier<String> localRuntime = () -> "http://127.0.0.1:8399";
    private Consumer<com.endpointstudio.core.invoke.InvocationRequest> call = request -> { };
    private Consumer<String> metrics = name -> { };
    private java.util.function.Supplier<List<com.endpointstudio.core.invoke.history.HistoryEntry>> history = List::of;

    public DeployRun(HostingProvider hosting, DeploymentJournal journal, Duration pollInterval, Jobs jobs) {
        this.hosting = hosting;
        this.journal = journal;
        this.pollInterval = pollInterval;
        this.jobs = jobs;
        this.timeline = new BatchedList<>(jobs.fx(), 5000);
    }

    public void start(DeploymentSpec spec, Connection target) {
        if (running.isRunning()) {
            return;
        }
        begin(target, "Deploying " + spec.endpoint().name() + " to " + target.label() + "…");
        LatestValue<Double> uploaded = new LatestValue<>(jobs.fx(), progress::set);
        Consumer<DeploymentEvent> events = event -> {
            if (event.kind() == DeploymentEvent.Kind.PROGRESS) {
                uploaded.publish(event.total() > 0 ? (double) event.done() / event.total() : -1);
            } else {
                timeline.add(event);
            }
        };
        execute("Deploy " + spec.endpoint().name(), target, (runner, until) -> runner.run(
                runner.plan(spec, target.id(), true), events, until));
    }

    /** Continues a run the journal shows unfinished (the studio stopped in the middle of it). */
    public void resume(DeploymentRecord unfinished, Connection target) {
        begin(target, "Resuming the deployment of " + unfinished.spec().endpoint().name() + "…");
        record.set(unfinished);
        execute("Resume the deployment of " + unfinished.spec().endpoint().name(), target,
                (runner, until) -> runner.run(unfinished, timeline::add, until));
    }

    /** Deletes what an unfinished run had created. */
    public void cleanUp(DeploymentRecord unfinished, Connection target) {
        begin(target, "");
        record.set(unfinished);
        rollback();
    }

    private void begin(Connection target, String text) {
        inService.set(null);
        connection.set(target);
        timeline.clear();
        progress.set(-1);
        outcome.set(text);
    }

    @FunctionalInterface
    private interface Work {
        DeploymentRecord run(DeploymentRunner runner, CancelToken stop);
    }

    private void execute(String title, Connection target, Work work) {
        CancelToken until = new CancelToken();
        stop = until;
        running.start(jobs.job(title, job -> {
            try (CancelToken.Registration dropped = job.cancelToken().onCancel(until::cancel);
                 CancelToken.Scope scope = until.enter();
                 HostingProvider.Session session = hosting.open(target)) {
                return work.run(new DeploymentRunner(session.hosting(), journal, pollInterval, Duration.ofMinutes(60)),
                        until);
            }
        }).onSuccess(this::finished));
    }

    private void finished(DeploymentRecord finished) {
        record.set(finished);
        String endpoint = finished.spec().endpoint().name();
        progress.set(finished.state() == DeploymentRecord.State.SUCCEEDED ? 1 : 0);
        outcome.set(switch (finished.state()) {
            case SUCCEEDED -> "Endpoint " + endpoint + " is InService" + where(finished) + ".";
            case CANCELLED -> "Cancelled. Roll back to delete what this run created.";
            default -> "Failed: " + finished.failure();
        });
        inService.set(finished.state() == DeploymentRecord.State.SUCCEEDED ? finished.spec() : null);
        if (finished.state() == DeploymentRecord.State.FAILED && finished.failure() != null) {
            jobs.errors().report("Deploy " + endpoint, finished.failure().toException());
        } else {
            jobs.status().show(outcome.get());
        }
    }

    /** Where a Local endpoint answers, and that the runtime moved when its usual port was taken. */
    private String where(DeploymentRecord finished) {
        Connection target = connection.get();
        if (target == null || !target.isLocal()) {
            return "";
        }
        String url = localRuntime.get();
        return " on this computer: " + url + "/endpoints/" + finished.spec().endpoint().name() + "/invocations"
                + com.endpointstudio.core.hosting.LocalRuntimePort.movedNote(url);
    }

    /** Where this computer's runtime answers (its port moves when the usual one is taken). */
    public void useLocalRuntime(java.util.function.Supplier<String> url) {
        this.localRuntime = url;
    }

    /** Where "Call it" and "Open Metrics" lead (wired by the window): the console with a first request, the charts. */
    public void onNextSteps(Consumer<com.endpointstudio.core.invoke.InvocationRequest> call, Consumer<String> metrics) {
        this.call = call;
        this.metrics = metrics;
    }

    /** Opens the console on the endpoint just made, with a request in the form its framework reads. */
    public void callIt() {
        if (inService.get() != null) {
            call.accept(com.endpointstudio.core.invoke.SampleRequests.forSpec(inService.get()));
        }
    }

    public void openMetrics() {
        if (inService.get() != null) {
            metrics.accept(inService.get().endpoint().name());
        }
    }

    /** That first request as curl, boto3 and AWS CLI, for where the endpoint is. */
    public com.endpointstudio.core.invoke.InvocationSnippets snippets() {
        var request = com.endpointstudio.core.invoke.SampleRequests.forSpec(inService.get());
        Connection target = connection.get();
        return target.isLocal() ? com.endpointstudio.core.invoke.InvocationSnippets.forLocal(request, localRuntime.get(),
                "request.json") : com.endpointstudio.core.invoke.InvocationSnippets.forAws(request,
                target.region() == null ? "us-east-1" : target.region(), target.endpointUrl(), "request.json");
    }

    /** The spec of the endpoint the last run made InService (null otherwise): what "Call it" calls. */
    public ObjectProperty<DeploymentSpec> inServiceProperty() {
        return inService;
    }

    /** Lists the roles SageMaker may assume in the connection's account, for the role picker. */
    public void listRoles(Connection target, Consumer<List<String>> onRoles) {
        if (target == null || target.isLocal()) {
            jobs.errors().report("List execution roles", new com.endpointstudio.core.error.StudioException(
                    "Roles are listed from an AWS account: choose an AWS connection in the toolbar first."));
            return;
        }
        roles.start(jobs.job("List IAM roles", job -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                return session.hosting().roles().assumableBySageMaker().stream().map(ExecutionRoles.Role::arn).toList();
            }
        }).onSuccess(found -> {
            jobs.status().show(com.endpointstudio.ui.common.Plural.of(found.size(), "role") + " SageMaker can assume");
            onRoles.accept(found);
        }));
    }

    /** The right-sizing of a spec on the connection it would deploy to, sharing this run's hosting and journal. */
    public com.endpointstudio.ui.recommend.RecommendViewModel recommend(DeploymentSpec spec, Connection target,
                                                                      com.endpointstudio.core.instance.InstanceCatalog catalog) {
        return new com.endpointstudio.ui.recommend.RecommendViewModel(jobs, hosting, journal, catalog, spec, target,
                history);
    }

    /** Where right-sizing finds the console's recent requests to offer as samples (read off the FX thread). */
    public void useHistory(java.util.function.Supplier<List<com.endpointstudio.core.invoke.history.HistoryEntry>> read) {
        this.history = read;
    }

    public DeploymentJournal journal() {
        return journal;
    }

    /** Stops the run: its step ends as cancelled and what it created can be rolled back. */
    public void cancel() {
        if (stop != null) {
            stop.cancel();
        }
    }

    /** Deletes exactly what the last run created. */
    public void rollback() {
        DeploymentRecord last = record.get();
        Connection target = connection.get();
        if (last == null || target == null || running.isRunning()) {
            return;
        }
        running.start(jobs.job("Roll back " + last.spec().endpoint().name(), job -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                return new DeploymentRunner(session.hosting(), journal, pollInterval, Duration.ofMinutes(60))
                        .rollback(last, timeline::add);
            }
        }).onSuccess(rolledBack -> {
            record.set(rolledBack);
            outcome.set("Rolled back: what this run created was deleted.");
        }));
    }

    /**
     * Another connection is active: a finished run of the one before is no longer shown (the
     * journal keeps it); a run in progress goes on and stays shown, under its own connection.
     */
    public void connectionChanged(Connection now) {
        roles.cancel();
        if (running.isRunning() || now == null || now.equals(connection.get())) {
            return;
        }
        connection.set(null);
        timeline.clear();
        record.set(null);
        outcome.set("");
        progress.set(-1);
    }

    public ObservableList<DeploymentEvent> timeline() {
        return timeline.items();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.runningProperty();
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

    /** The connection of the run shown (null when none is). */
    public ObjectProperty<Connection> connectionProperty() {
        return connection;
    }
}
