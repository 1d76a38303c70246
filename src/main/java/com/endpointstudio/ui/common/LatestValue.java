package com.endpointstudio.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries a fast-changing value (bytes done, a status) from a background thread to the FX
 * thread: however often it is published, at most one hop is queued and it delivers the newest.
 */
public final class LatestValue<T> {

    private final Executor fx;
    private final Consumer<T> consumer;
    private final AtomicReference<T> pending = new AtomicReference<>();

    public LatestValue(Executor fx, Consumer<T> consumer) {
        this.fx = fx;
        this.consumer = consumer;
    }

    public void publish(T value) {
        if (pending.getAndSet(value) == null) {
            fx.execute(() -> {
                T newest = pending.getAndSet(null);
                if (newest != null) {
                    consumer.accept(newest);
                }
            });
        }
    }
}
