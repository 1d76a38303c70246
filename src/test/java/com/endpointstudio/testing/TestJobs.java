package com.endpointstudio.testing;

import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.StatusModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Jobs for toolkit-free view model tests, as JabRef tests its view models: by default the work
 * and its outcome run on the calling thread, time is a {@link ManualScheduler}, and every failure
 * reported is kept.
 */
public final class TestJobs implements AutoCloseable {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final StatusModel status = new StatusModel(scheduler);
    private final Jobs jobs;
    private final Executor fx;
    private final List<ExecutorService> owned = new CopyOnWriteArrayList<>();

    private TestJobs(Executor io, Executor fx) {
        this.fx = fx;
        ErrorReporter errors = (title, error) -> {
            reported.add(title + ": " + error.getMessage());
            failures.add(error);
        };
        this.jobs = new Jobs(io, fx, scheduler, errors, status);
    }

    /** Work and outcomes on the calling thread: a call returns once its job has ended. */
    public static TestJobs direct() {
        return new TestJobs(Runnable::run, Runnable::run);
    }

    /**
     * Work on background threads and outcomes on one thread of their own, as in the application:
     * a test can cancel a call while it runs, or let a late answer arrive. Touch view models
     * through {@link #onFx}.
     */
    public static TestJobs threaded() {
        ExecutorService io = Executors.newCachedThreadPool(daemon("test-io"));
        ExecutorService fx = Executors.newSingleThreadExecutor(daemon("test-fx"));
        TestJobs jobs = new TestJobs(io, fx);
        jobs.owned.add(io);
        jobs.owned.add(fx);
        return jobs;
    }

    /** Runs {@code action} on the outcome thread and waits for it. */
    public <T> T onFx(Callable<T> action) {
        FutureTask<T> task = new FutureTask<>(action);
        fx.execute(task);
        try {
            return task.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits (up to {@code timeout}) until {@code condition}, read on the outcome thread, holds. */
    public boolean await(Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (onFx(condition)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return onFx(condition);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        owned.forEach(ExecutorService::shutdownNow);
    }

    public Jobs jobs() {
        return jobs;
    }

    public ManualScheduler scheduler() {
        return scheduler;
    }

    public StatusModel status() {
        return status;
    }

    /** "title: message" of every failure reported. */
    public List<String> reported() {
        return List.copyOf(reported);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }
}
