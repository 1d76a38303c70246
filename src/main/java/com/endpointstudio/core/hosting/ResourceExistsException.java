package com.endpointstudio.core.hosting;

import com.endpointstudio.core.error.StudioException;

/** A create call refused because a resource of that name already exists. */
public final class ResourceExistsException extends StudioException {

    public ResourceExistsException(String message, String errorCode, String requestId, Throwable cause) {
        super(message, errorCode, requestId, cause);
    }
}
