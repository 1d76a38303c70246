package com.endpointstudio.ui.common;

import com.endpointstudio.core.task.CancelToken;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One run of background work started from a view model: the work runs on the jobs' executor
 * with a {@link CancelToken} as its thread's current one (so cancelling aborts the SDK call or
 * HTTP request under it), its outcome comes back on the FX thread. A failure goes to the error
 * reporter (with the AWS error code and request id) unless the job says otherwise; a cancelled
 * job reports nothing and its late answer is dropped.
 *
 * <p>Configure with {@code onSuccess} / {@code onFailure} / {@code whenDone}, then {@link #start()};
 * call everything on the FX thread.
 */
public final class Job<T> {

    /** The work: runs off the FX thread. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Context job) throws Exception;
    }

    /** What the work sees of its job: cancellation, and how to tell its progress. */
    public interface Context {
        CancelToken cancelToken();

        /** @param fraction done so far, 0 to 1; negative when unknown */
        void progress(double fraction);

        /** What it is doing now, for the status bar and the screen. */
        void message(String text);
    }

    private final Jobs jobs;
    private final String title;
    private final Work<T> work;
    private final CancelToken token = new CancelToken();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message;
    private final ReadOnlyObjectWrapper<Throwable> error = new ReadOnlyObjectWrapper<>();
    private final LatestValue<Double> progressHop;
    private final LatestValue<String> messageHop;
    private final Object lock = new Object();
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure;
    private Runnable whenDone = () -> { };
    private boolean inStatusBar = true;
    private boolean started;
    private volatile boolean cancelled;
    private Thread worker;

    Job(Jobs jobs, String title, Work<T> work) {
        this.jobs = jobs;
        this.title = title;
        this.work = work;
        this.message = new ReadOnlyStringWrapper(title + "…");
        this.progressHop = new LatestValue<>(jobs.fx(), value -> {
            if (running.get()) {
                progress.set(value);
            }
        });
        this.messageHop = new LatestValue<>(jobs.fx(), text -> {
            if (running.get()) {
                message.set(text);
                jobs.status().refresh();
            }
        });
    }

    public Job<T> onSuccess(Consumer<T> action) {
        this.onSuccess = action;
        return this;
    }

    /** Handles a failure instead of the error reporter: for failures the screen itself explains. */
    public Job<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = action;
        return this;
    }

    /** Runs after the job ends, however it ends (succeeded, failed or cancelled). */
    public Job<T> whenDone(Runnable action) {
        this.whenDone = action;
        return this;
    }

    /** What the status bar says while it runs (by default the title). */
    public Job<T> describedAs(String text) {
        message.set(text);
        return this;
    }

    /** Keeps the job out of the status bar: quick reads whose screen shows their progress. */
    public Job<T> quietly() {
        this.inStatusBar = false;
        return this;
    }

    public Job<T> start() {
        if (started) {
            throw new IllegalStateException("a job runs once: " + title);
        }
        started = true;
        running.set(true);
        if (inStatusBar) {
            jobs.status().add(this);
        }
        try {
            jobs.io().execute(this::runWork);
        } catch (RejectedExecutionException closing) {
            cancelled = true; // the studio is closing: nothing more runs
            end();
        }
        return this;
    }

    /** Cancels the job: its call is aborted, it ends at once, and whatever it would have answered is dropped. */
    public void cancel() {
        if (!running.get() || cancelled) {
            return;
        }
        cancelled = true;
        token.cancel();
        synchronized (lock) {
            if (worker != null) {
                worker.interrupt(); // ends sleeps between polls
            }
        }
        end();
    }

    private void runWork() {
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            worker = Thread.currentThread();
        }
        T result = null;
        Throwable failure = null;
        try (CancelToken.Scope scope = token.enter()) {
            result = work.call(new Context() {
                @Override
                public CancelToken cancelToken() {
                    return token;
                }

                @Override
                public void progress(double fraction) {
                    progressHop.publish(fraction);
                }

                @Override
                public void message(String text) {
                    messageHop.publish(text);
                }
            });
        } catch (Throwable e) {
            failure = unwrap(e);
        } finally {
            synchronized (lock) {
                worker = null;
                Thread.interrupted(); // a cancel's interrupt stays with this job
            }
        }
        T answered = result;
        Throwable failed = failure;
        jobs.fx().execute(() -> deliver(answered, failed));
    }

    private void deliver(T result, Throwable failure) {
        if (cancelled) {
            return; // a late answer of a cancelled or superseded job
        }
        if (failure instanceof CancellationException) {
            cancelled = true;
            end();
            return;
        }
        progress.set(failure == null ? 1 : 0);
        running.set(false);
        jobs.status().remove(this);
        if (failure == null) {
            onSuccess.accept(result);
        } else {
            error.set(failure);
            if (onFailure != null) {
                onFailure.accept(failure);
            } else {
                jobs.errors().report(title, failure);
            }
        }
        whenDone.run();
    }

    private void end() {
        running.set(false);
        progress.set(0);
        jobs.status().remove(this);
        whenDone.run();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public String title() {
        return title;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0 to 1, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The failure of the last run, or null. */
    public ReadOnlyObjectProperty<Throwable> errorProperty() {
        return error.getReadOnlyProperty();
    }
}
