package com.endpointstudio.core.invoke.history;

import com.endpointstudio.core.invoke.InvocationRequest;

/** A request the user saved under a name, per endpoint, to send again later. */
public record SavedRequest(String name, String connectionId, InvocationRequest request) {
}
