package com.endpointstudio.core.error;

import java.util.Optional;

/**
 * A failure told to the user as a sentence (what failed, what to do), with the technical
 * details kept apart: the service's error code and request id, shown under "details".
 */
public class StudioException extends RuntimeException {

    private final String errorCode;
    private final String requestId;

    public StudioException(String message) {
        this(message, null, null, null);
    }

    public StudioException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    public StudioException(String message, String errorCode, String requestId, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
