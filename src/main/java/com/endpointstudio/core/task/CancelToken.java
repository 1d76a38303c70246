package com.endpointstudio.core.task;

import java.util.concurrent.CancellationException;

/** Cooperative cancellation: the user asks, the worker checks between chunks of work. */
public final class CancelToken {

    private volatile boolean cancelled;

    public static CancelToken none() {
        return new CancelToken();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} once {@link #cancel()} has been called. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("Cancelled by the user");
        }
    }
}
