package com.endpointstudio.ui.transform;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.hosting.BatchTransforms.OutputObject;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformCost;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.LatestValue;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One batch transform run of the screen, as a job on the connection it started on: its timeline
 * (steps, statuses, the job's log) batched onto the FX thread, its progress, Stop (StopTransformJob;
 * the run goes on until the job is Stopped), the cost once it ended, and its output listed and opened.
 * Under another connection a finished run is no longer shown; a run in progress goes on, under its own.
 */
public final class TransformRunModel implements AutoCloseable {

    /** How much of an output the screen shows. */
    static final int PREVIEW_BYTES = 64 * 1024;

    private final HostingProvider hosting;
    private final Duration awsPoll;
    private final Duration localPoll;
    private final Supplier<InstanceCatalog> instances;
    private final Jobs jobs;
    private final ConnectionSession outputsSession;
    private final BatchedList<TransformEvent> timeline;
    private final JobSlot running = new JobSlot();
    private final JobSlot listing = new JobSlot();
    private final JobSlot opening = new JobSlot();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty costAfter = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final ObservableList<OutputObject> outputs = FXCollections.observableArrayList();
    private CancelToken stop;
    private Connection connection;
    private String outputLocation;

    /** @param instances the instance catalog, read in the background at start (call off the FX thread) */
    public TransformRunModel(HostingProvider hosting, Duration awsPoll, Duration localPoll,
                             Supplier<InstanceCatalog> instances, Jobs jobs) {
        this.hosting = hosting;
        this.awsPoll = awsPoll;
        this.localPoll = localPoll;
        this.instances = instances;
        this.jobs = jobs;
        this.outputsSession = new ConnectionSession(hosting);
        this.timeline = new BatchedList<>(jobs.fx(), 5000);
    }

    public ObservableList<TransformEvent> timeline() {
        return timeline.items();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.runningProperty();
    }

    /** 0 to 1 of the input transformed (or uploaded), -1 while unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty costAfterProperty() {
        return costAfter;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    public ObservableList<OutputObject> outputs() {
        return outputs;
    }

    void start(TransformJobSpec job, ModelSpec model, Connection target) {
        if (running.isRunning()) {
            return;
        }
        CancelToken until = new CancelToken();
        stop = until;
        connection = target;
        outputLocation = job.output().location();
        clearShown();
        progress.set(-1);
        outcome.set("Running " + job.jobName() + " on " + target.label() + "…");
        LatestValue<Double> fraction = new LatestValue<>(jobs.fx(), progress::set);
        running.start(jobs.job("Batch transform " + job.jobName(), work -> {
            // Stop has a token of its own: StopTransformJob must still go out, and the run ends once the job
            // is Stopped. The job's own token (closing the studio) aborts the calls and leaves the job running.
            try (HostingProvider.Session session = hosting.open(target)) {
                TransformRunner runner = new TransformRunner(session.hosting(), target.isLocal() ? localPoll : awsPoll);
                return runner.run(job, model, true, event -> {
                    if (event.kind() == TransformEvent.Kind.PROGRESS) {
                        fraction.publish(event.total() > 0 ? (double) event.done() / event.total() : -1);
                    }
                    if (event.kind() != TransformEvent.Kind.PROGRESS || event.step() == null) {
                        timeline.add(event);
                    }
                }, until);
            }
        }).onSuccess(finished -> finished(finished, target)).onFailure(error -> {
            progress.set(0);
            outcome.set("Failed: " + error.getMessage());
            jobs.errors().report("Batch transform " + job.jobName(), error);
        }));
    }

    private void finished(TransformRun finished, Connection target) {
        var job = finished.description();
        progress.set(job != null && job.completed() ? 1 : 0);
        if (finished.cancelled()) {
            outcome.set("Stopped. Files the job had not finished have no output.");
        } else if (job == null || finished.failure() != null && !job.finished()) {
            outcome.set("Failed: " + finished.failure());
        } else {
            outcome.set("Transform job " + job.name() + " is " + job.status()
                    + (job.failureReason() == null ? "." : ": " + job.failureReason()));
        }
        jobs.status().show(outcome.get());
        if (job == null) {
            return;
        }
        if (target.isLocal()) {
            costAfter.set("Ran on this computer: no instance was billed.");
        } else if (target.region() != null) {
            String region = target.region();
            jobs.job("Work out the job's cost", work -> TransformCost.after(TransformCost.hourly(instances.get(),
                    finished.job().resources(), region), job)).quietly().onSuccess(costAfter::set).start();
        }
        refreshOutputs();
    }

    /** Asks the job to stop; it ends Stopped, without the output of unfinished files. */
    public void stop() {
        if (stop != null && running.isRunning()) {
            stop.cancel();
            outcome.set("Stopping…");
        }
    }

    /** Lists what the job wrote under its output location. */
    public void refreshOutputs() {
        Connection target = connection;
        String location = outputLocation;
        if (target == null || location == null) {
            return;
        }
        listing.start(jobs.job("List the transform output", work -> outputsSession.of(target).hosting().transforms()
                .outputs(location)).quietly().onSuccess(outputs::setAll));
    }

    /** Shows the first {@value #PREVIEW_BYTES} bytes of an output: its text, or its first bytes when binary. */
    public void open(OutputObject output) {
        Connection target = connection;
        if (target == null || output == null) {
            return;
        }
        opening.start(jobs.job("Open " + output.name(), work -> text(outputsSession.of(target).hosting().transforms()
                .read(output.location(), PREVIEW_BYTES), output)).onSuccess(preview::set));
    }

    static String text(byte[] bytes, OutputObject output) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return output.size() > bytes.length ? text + "\n… (" + bytes.length + " of " + output.size()
                    + " bytes shown)" : text;
        } catch (CharacterCodingException e) {
            int shown = Math.min(bytes.length, 256);
            StringBuilder hex = new StringBuilder(output.name() + " is binary (" + output.size() + " bytes); its first "
                    + shown + " bytes:\n");
            for (int i = 0; i < shown; i++) {
                hex.append(String.format("%02x", bytes[i])).append(i % 32 == 31 ? "\n" : " ");
            }
            return hex.toString();
        }
    }

    /** Another connection is active: a finished run of the one before is no longer shown. */
    void connectionChanged(Connection now) {
        listing.cancel();
        opening.cancel();
        if (running.isRunning() || now == null || now.equals(connection)) {
            return;
        }
        connection = null;
        outputLocation = null;
        clearShown();
        outcome.set("");
        progress.set(0);
    }

    private void clearShown() {
        timeline.clear();
        outputs.clear();
        preview.set("");
        costAfter.set("");
    }

    /** Lets go of the output session; a job on AWS runs on (jobs on this computer stop with the studio). */
    @Override
    public void close() {
        listing.cancel();
        opening.cancel();
        outputsSession.close();
    }
}
