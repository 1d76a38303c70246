package com.endpointstudio.core.deploy.run;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ResourceExistsException;

/**
 * Why a deployment step (or the run) failed, as the journal keeps it: the sentence, the service's
 * error code and request id (for support), and whether the call was refused because the resource
 * already existed (then the run did not create it, and roll back leaves it alone).
 */
public record Failure(String message, String errorCode, String requestId, boolean resourceExisted) {

    public static Failure of(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (error instanceof StudioException studio) {
            return new Failure(message, studio.errorCode().orElse(null), studio.requestId().orElse(null),
                    error instanceof ResourceExistsException);
        }
        return new Failure(message, null, null, false);
    }

    /** The failure as an exception again, for the error reporter. */
    public StudioException toException() {
        return new StudioException(message, errorCode, requestId, null);
    }

    /** "message (error code X, request id Y)", for timelines and logs. */
    @Override
    public String toString() {
        if (errorCode == null && requestId == null) {
            return message;
        }
        return message + " (" + (errorCode == null ? "" : "error code " + errorCode)
                + (errorCode != null && requestId != null ? ", " : "")
                + (requestId == null ? "" : "request id " + requestId) + ")";
    }
}
