package com.endpointstudio.core.invoke;

import java.time.Duration;

/**
 * What an invocation answered, as the console shows it.
 *
 * @param status          200 on success; for a model error the container's own status; else the API's
 * @param latency         measured by the client, from sending the request to the last byte of the answer
 * @param firstByte       time to the first part of a streamed answer (null when not streamed)
 * @param invokedVariant  the production variant that answered (x-Amzn-Invoked-Production-Variant)
 * @param error           why it failed (null on success)
 */
public record InvocationResult(int status, String contentType, byte[] body, String invokedVariant,
                               String customAttributes, Duration latency, Duration firstByte, InvocationError error,
                               String requestId) {

    public InvocationResult {
        body = body == null ? new byte[0] : body;
    }

    public boolean succeeded() {
        return error == null;
    }
}
