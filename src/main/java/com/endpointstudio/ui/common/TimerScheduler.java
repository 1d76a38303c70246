package com.endpointstudio.ui.common;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The application's {@link Scheduler}: one daemon timer thread that hands each action to the FX thread. */
public final class TimerScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "studio-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Executor fx;

    public TimerScheduler(Executor fx) {
        this.fx = fx;
    }

    @Override
    public Timer every(Duration period, Runnable action) {
        ScheduledFuture<?> task = timer.scheduleWithFixedDelay(() -> fx.execute(action), period.toMillis(),
                period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    @Override
    public Timer after(Duration delay, Runnable action) {
        ScheduledFuture<?> task = timer.schedule(() -> fx.execute(action), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
