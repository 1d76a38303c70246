package com.endpointstudio.ui.common;

import java.time.Duration;

/**
 * A screen's auto-refresh: calls {@code tick} at the chosen period, but only while the screen is
 * shown, so a hidden dashboard makes no calls.
 */
public final class Poller {

    private final Scheduler scheduler;
    private final Runnable tick;
    private Duration period;
    private boolean active;
    private Scheduler.Timer timer;

    public Poller(Scheduler scheduler, Runnable tick) {
        this.scheduler = scheduler;
        this.tick = tick;
    }

    /** The period, or null for no auto-refresh. */
    public void every(Duration newPeriod) {
        period = newPeriod;
        reschedule();
    }

    /** Polls while active (the screen shown), not otherwise. */
    public void active(boolean now) {
        active = now;
        reschedule();
    }

    public boolean isPolling() {
        return timer != null;
    }

    private void reschedule() {
        if (timer != null) {
            timer.close();
            timer = null;
        }
        if (active && period != null) {
            timer = scheduler.every(period, tick);
        }
    }
}
