package com.endpointstudio.ui.common;

import java.time.Duration;

/**
 * Timed work for view models (auto-refresh, notices that fade): actions run on the FX thread.
 * The application's is backed by a timer thread; tests use one they advance by hand.
 */
public interface Scheduler {

    /** Runs {@code action} every {@code period}, the first time after one period, until closed. */
    Timer every(Duration period, Runnable action);

    /** Runs {@code action} once after {@code delay}, unless closed first. */
    Timer after(Duration delay, Runnable action);

    /** A scheduled action; closing it stops it. */
    @FunctionalInterface
    interface Timer extends AutoCloseable {
        @Override
        void close();
    }
}
