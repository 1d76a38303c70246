package com.endpointstudio.core.transform;

/**
 * How a batch transform run ended.
 *
 * @param job         the job as it was created (its input's S3 location, once uploaded)
 * @param description the job as last described, or null when it was never created
 * @param failure     why the run failed, or null
 * @param cancelled   whether the user stopped it
 */
public record TransformRun(TransformJobSpec job, TransformJobDescription description, String failure,
                           boolean cancelled) {

    /** Created, and (when waited for) Completed. */
    public boolean succeeded() {
        return failure == null && !cancelled && (description == null || !description.finished()
                || description.completed());
    }
}
