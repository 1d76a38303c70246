package com.endpointstudio.core.task;

/** Receives how far a long operation has got, in its own unit (bytes, steps, requests). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /**
     * Called from the worker thread; implementations must be cheap and thread-safe (the UI
     * batches these, it never hops to the FX thread per call).
     *
     * @param done  units completed so far
     * @param total units in all, or -1 when unknown
     */
    void progress(long done, long total);
}
