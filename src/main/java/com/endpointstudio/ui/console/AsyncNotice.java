package com.endpointstudio.ui.console;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The notification SageMaker published for a finished asynchronous request (to its success or
 * error topic), as one line for the status bar; hosts that keep them (Local) have one.
 */
final class AsyncNotice {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AsyncNotice() {
    }

    /** Waits briefly for the notification (it is published just after the result is written). */
    static Optional<String> of(EndpointRuntime runtime, AsyncInvocation invocation) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Optional<String> found = runtime.asyncNotification(invocation);
            if (found.isPresent()) {
                return found.map(AsyncNotice::summary);
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** "Notification InferenceResult: Completed, output at s3://…" or "…: Failed — the reason". */
    static String summary(String json) {
        try {
            JsonNode message = JSON.readTree(json);
            String status = message.path("invocationStatus").asText("?");
            String head = "Notification " + message.path("eventName").asText("InferenceResult") + " for "
                    + message.path("inferenceId").asText("?") + ": " + status;
            if ("Completed".equals(status)) {
                return head + ", output at " + message.path("responseParameters").path("outputLocation").asText("?");
            }
            return head + " — " + message.path("failureReason").asText("no reason given");
        } catch (IOException e) {
            return "Notification: " + json;
        }
    }
}
