package com.endpointstudio.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The hop FX thread → background executor → FX thread, as one call. View models use it for
 * every piece of I/O; tests give it a same-thread executor for both sides so view models run
 * without a toolkit.
 */
public final class Background {

    private final Executor io;
    private final Executor fx;

    public Background(Executor io, Executor fx) {
        this.io = io;
        this.fx = fx;
    }

    /** Work on the studio's executor, results on the JavaFX application thread. */
    public static Background onFxThread(Executor io) {
        return new Background(io, Platform::runLater);
    }

    /**
     * Runs {@code work} off the FX thread, then hands its result or failure to the callbacks on
     * the FX thread. The returned future can be cancelled; a cancelled task reports nothing.
     */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> task = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io);
        task.whenCompleteAsync((result, error) -> {
            if (task.isCancelled()) {
                return;
            }
            if (error == null) {
                onSuccess.accept(result);
            } else {
                onFailure.accept(unwrap(error));
            }
        }, fx);
        return task;
    }

    /** Runs a runnable off the FX thread; for writes whose outcome only matters when it fails. */
    public CompletableFuture<Void> run(Runnable work, Consumer<Throwable> onFailure) {
        return run(() -> {
            work.run();
            return null;
        }, ignored -> { }, onFailure);
    }

    public Executor fx() {
        return fx;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
