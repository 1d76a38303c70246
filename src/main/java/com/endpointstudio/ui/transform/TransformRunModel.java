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
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.LatestValue;
import com.endpointstudio.ui.common.StatusModel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One batch transform run of the screen: started off the FX thread on the active connection, its
 * timeline (steps, statuses, the job's log) batched onto the FX thread, its progress, a stop that
 * reaches the job (StopTransformJob), the cost once it ended, and its output listed and opened.
 */
public final class TransformRunModel implements AutoCloseable {

    /** How much of an output the screen shows. */
    static final int PREVIEW_BYTES = 64 * 1024;

    private final HostingProvider hosting;
    private final Duration awsPoll;
    private final Duration localPoll;
    private final InstanceCatalog instances;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;
    private final ConnectionSession outputsSession;
    private final BatchedList<TransformEvent> timeline;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty costAfter = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final ObservableList<OutputObject> outputs = FXCollections.observableArrayList();
    private CancelToken cancel;
    private Connection connection;
    private String outputLocation;

    public TransformRunModel(HostingProvider hosting, Duration awsPoll, Duration localPoll, InstanceCatalog instances,
                             Background background, ErrorReporter errors, StatusModel status) {
        this.hosting = hosting;
        this.awsPoll = awsPoll;
        this.localPoll = localPoll;
        this.instances = instances;
        this.background = background;
        this.errors = errors;
        this.status = status;
        this.outputsSession = new ConnectionSession(hosting);
        this.timeline = new BatchedList<>(background.fx(), 5000);
    }

    public ObservableList<TransformEvent> timeline() {
        return timeline.items();
    }

    public BooleanProperty runningProperty() {
        return running;
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
        if (running.get()) {
            return;
        }
        CancelToken token = new CancelToken();
        cancel = token;
        connection = target;
        outputLocation = job.output().location();
        timeline.clear();
        outputs.clear();
        preview.set("");
        costAfter.set("");
        running.set(true);
        progress.set(-1);
        outcome.set("Starting " + job.jobName() + " on " + target.label() + "…");
        LatestValue<Double> fraction = new LatestValue<>(background.fx(), progress::set);
        Runnable done = status.begin("Batch transform " + job.jobName() + "…");
        background.run(() -> {
            try (HostingProvider.Session session = hosting.open(target)) {
                TransformRunner runner = new TransformRunner(session.hosting(), target.isLocal() ? localPoll : awsPoll);
                return runner.run(job, model, true, event -> {
                    if (event.kind() == TransformEvent.Kind.PROGRESS) {
                        fraction.publish(event.total() > 0 ? (double) event.done() / event.total() : -1);
                        if (event.step() == null) {
                            timeline.add(event);
                        }
                    } else {
                        timeline.add(event);
                    }
                }, token);
            }
        }, finished -> {
            done.run();
            finish(finished, target);
        }, error -> {
            done.run();
            running.set(false);
            progress.set(0);
            outcome.set("Failed: " + error.getMessage());
            errors.report("Batch transform", error);
        });
    }

    private void finish(TransformRun finished, Connection target) {
        running.set(false);
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
        if (job != null && !target.isLocal() && target.region() != null) {
            costAfter.set(TransformCost.after(TransformCost.hourly(instances, finished.job().resources(),
                    target.region()), job));
        } else if (job != null && target.isLocal()) {
            costAfter.set("Ran on this computer: no instance was billed.");
        }
        status.show(outcome.get());
        if (job != null) {
            refreshOutputs();
        }
    }

    /** Asks the job to stop; it ends Stopped, without the output of unfinished files. */
    public void stop() {
        if (cancel != null && running.get()) {
            cancel.cancel();
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
        background.run(() -> outputsSession.of(target).hosting().transforms().outputs(location), outputs::setAll,
                error -> errors.report("List the transform output", error));
    }

    /** Shows the first {@value #PREVIEW_BYTES} bytes of an output: its text, or a note when it is binary. */
    public void open(OutputObject output) {
        Connection target = connection;
        if (target == null || output == null) {
            return;
        }
        background.run(() -> text(outputsSession.of(target).hosting().transforms().read(output.location(),
                PREVIEW_BYTES), output), preview::set, error -> errors.report("Open " + output.name(), error));
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

    /** The events a timeline shows, oldest first. */
    List<TransformEvent> events() {
        return List.copyOf(timeline.items());
    }

    /** Closes the screen's session; a job on AWS runs on (jobs on this computer stop with the studio). */
    @Override
    public void close() {
        outputsSession.close();
    }
}
