package com.endpointstudio.ui.console;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.LatestValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The console's response: sending a request real-time, streamed or asynchronously as a job,
 * the parts of a stream as they arrive, the answer, and Cancel, which aborts the call and shows
 * nothing of it.
 */
public final class ResponseModel {

    private final Jobs jobs;
    private final Function<Connection, EndpointRuntime> runtimes;
    private final JobSlot sending = new JobSlot();
    private final ObjectProperty<InvocationResult> result = new SimpleObjectProperty<>();
    private final StringProperty streamed = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");

    /** @param runtimes the runtime of a connection (called off the FX thread) */
    public ResponseModel(Jobs jobs, Function<Connection, EndpointRuntime> runtimes) {
        this.jobs = jobs;
        this.runtimes = runtimes;
    }

    /**
     * Sends a checked request; {@code onAnswered} gets the answer (success or the endpoint's error)
     * once it is shown.
     */
    public void send(Connection target, InvocationRequest request, RequestEditorModel.Mode how, String asyncPrefix,
                     Consumer<InvocationResult> onAnswered) {
        result.set(null);
        streamed.set("");
        progress.set("Sending to " + request.endpointName() + "…");
        LatestValue<String> parts = new LatestValue<>(jobs.fx(), text -> {
            if (sending.isRunning()) {
                streamed.set(text);
            }
        });
        AtomicReference<String> notice = new AtomicReference<>();
        Job<InvocationResult> job = jobs.job("Invoke " + request.endpointName(), context -> {
            EndpointRuntime runtime = runtimes.apply(target);
            return switch (how) {
                case REAL_TIME -> runtime.invoke(request);
                case STREAM -> stream(runtime, request, context, parts);
                case ASYNC -> {
                    AsyncInvocation queued = runtime.invokeAsync(request, asyncPrefix);
                    InvocationResult done = awaitAsync(runtime, queued, context);
                    notice.set(AsyncNotice.of(runtime, queued).orElse(null));
                    yield done;
                }
            };
        });
        job.messageProperty().addListener((obs, old, now) -> progress.set(now));
        sending.start(job.onSuccess(answered -> {
            if (notice.get() != null) {
                jobs.status().show(notice.get()); // the notification published for an asynchronous request
            }
            result.set(answered);
            onAnswered.accept(answered);
        }).whenDone(() -> progress.set("")));
    }

    private static InvocationResult stream(EndpointRuntime runtime, InvocationRequest request, Job.Context context,
                                           LatestValue<String> shown) {
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        context.message("Streaming from " + request.endpointName() + "…");
        return runtime.invokeWithResponseStream(request, part -> {
            synchronized (parts) {
                parts.writeBytes(part);
                shown.publish(parts.toString(StandardCharsets.UTF_8));
            }
        }, context.cancelToken());
    }

    /** Polls the output and failure locations every two seconds, for up to an hour. */
    private static InvocationResult awaitAsync(EndpointRuntime runtime, AsyncInvocation invocation, Job.Context context)
            throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofHours(1));
        CancelToken cancel = context.cancelToken();
        while (Instant.now().isBefore(until)) {
            cancel.throwIfCancelled();
            Optional<InvocationResult> done = runtime.asyncResult(invocation);
            if (done.isPresent()) {
                return done.get();
            }
            context.message("Queued as " + invocation.inferenceId() + "; waiting for " + invocation.outputLocation()
                    + " (" + Duration.between(invocation.startedAt(), Instant.now()).toSeconds() + " s)");
            Thread.sleep(2000);
        }
        throw new StudioException("No result at " + invocation.outputLocation() + " after an hour; the request may "
                + "still be queued (inference id " + invocation.inferenceId() + ").");
    }

    /** Aborts the call in flight; nothing of it is shown. */
    public void cancel() {
        sending.cancel();
    }

    /** Forgets the answer shown (the connection changed, or a history entry is shown instead). */
    void clear() {
        sending.cancel();
        result.set(null);
        streamed.set("");
        progress.set("");
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.runningProperty();
    }

    public ObjectProperty<InvocationResult> resultProperty() {
        return result;
    }

    /** The parts of a streamed answer so far. */
    public StringProperty streamedProperty() {
        return streamed;
    }

    public StringProperty progressProperty() {
        return progress;
    }
}
