package com.endpointstudio.core.task;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cooperative cancellation: the user asks, the worker checks between chunks of work. Blocking
 * calls (an HTTP request, a process) register how to abort themselves with {@link #onCancel}, so
 * a cancel reaches them at once instead of at their next check.
 *
 * <p>A token can be made the current one of a thread ({@link #enter()}): code deep below a job —
 * the SDK's HTTP client, the local runtime client — finds it there without every signature
 * carrying it.
 */
public final class CancelToken {

    private static final ThreadLocal<CancelToken> CURRENT = new ThreadLocal<>();

    private volatile boolean cancelled;
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    public static CancelToken none() {
        return new CancelToken();
    }

    /** The token of the job running on this thread, or a token nobody cancels. */
    public static CancelToken current() {
        CancelToken token = CURRENT.get();
        return token == null ? none() : token;
    }

    /** Makes this the thread's current token until the scope is closed. */
    public Scope enter() {
        CancelToken previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Runs {@code call} so that no cancel aborts it: under a token nobody cancels, with the thread's
     * interrupt (a cancelled job's) put aside meanwhile and restored after. For the calls a cancel
     * must still make, or must let finish: aborting an upload, stopping a job, starting an upload
     * whose id the abort needs.
     */
    public static <T> T regardless(java.util.function.Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try (Scope uncancelled = none().enter()) {
            return call.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable abort : onCancel) {
            if (onCancel.remove(abort)) { // each abort runs once, whoever removes it
                abort.run();
            }
        }
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

    /**
     * Runs {@code abort} when the token is cancelled (at once when it already is) until the returned
     * registration is closed: an HTTP request registers its abort for as long as it runs.
     */
    public Registration onCancel(Runnable abort) {
        onCancel.add(abort);
        if (cancelled && onCancel.remove(abort)) {
            abort.run();
        }
        return () -> onCancel.remove(abort);
    }

    /** The time a token is a thread's current one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** An abort registered with {@link #onCancel}, removed on close. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
