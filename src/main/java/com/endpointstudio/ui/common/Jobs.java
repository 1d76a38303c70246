package com.endpointstudio.ui.common;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * How view models run background work: the executor the work runs on, the FX thread's executor
 * for its outcome, timed work, the one error reporter and the status bar. Tests give it a
 * same-thread executor and a scheduler they advance, so view models run without a toolkit.
 */
public final class Jobs {

    private final Executor io;
    private final Executor fx;
    private final Scheduler scheduler;
    private final ErrorReporter errors;
    private final StatusModel status;

    public Jobs(Executor io, Executor fx, Scheduler scheduler, ErrorReporter errors, StatusModel status) {
        this.io = io;
        this.fx = fx;
        this.scheduler = scheduler;
        this.errors = errors;
        this.status = status;
    }

    /** Work on {@code io}, outcomes and timers on the JavaFX application thread. */
    public static Jobs onFxThread(Executor io, ErrorReporter errors) {
        Executor fx = Platform::runLater;
        Scheduler timer = new TimerScheduler(fx);
        return new Jobs(io, fx, timer, errors, new StatusModel(timer));
    }

    /**
     * A job, not started yet.
     *
     * @param title what the user asked for ("List endpoints", "Invoke houses"): the status bar
     *              shows it while the job runs, an error dialog names it
     */
    public <T> Job<T> job(String title, Job.Work<T> work) {
        return new Job<>(this, title, work);
    }

    public Executor io() {
        return io;
    }

    public Executor fx() {
        return fx;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public ErrorReporter errors() {
        return errors;
    }

    public StatusModel status() {
        return status;
    }
}
