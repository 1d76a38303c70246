package com.endpointstudio.hosting.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the SageMaker runtime API answers, with its HTTP status and error type
 * (x-amzn-ErrorType) and the members of its error shape: ValidationError 400, ModelError 424
 * (OriginalStatusCode, OriginalMessage, LogStreamArn), ModelNotReadyException 429,
 * ThrottlingException 429, ServiceUnavailable 503.
 */
final class RuntimeFailure extends Exception {

    private final int status;
    private final String type;
    private final Map<String, Object> members;
    private final String explanation;
    /** The status the container answered, for metrics (0 when no container answered). */
    private final int containerStatus;

    private RuntimeFailure(int status, String type, String message, Map<String, Object> members, String explanation,
                           int containerStatus) {
        super(message);
        this.status = status;
        this.type = type;
        this.members = members;
        this.explanation = explanation;
        this.containerStatus = containerStatus;
    }

    static RuntimeFailure validation(String message) {
        return new RuntimeFailure(400, "ValidationError", message, Map.of(), null, 0);
    }

    /** A ValidationError that also carries SageMaker's ErrorCode, e.g. TARGET_MODEL_HEADER_NOT_SUPPORTED. */
    static RuntimeFailure validation(String errorCode, String message) {
        return new RuntimeFailure(400, "ValidationError", message, Map.of("ErrorCode", errorCode), null, 0);
    }

    static RuntimeFailure throttling(String message) {
        return new RuntimeFailure(429, "ThrottlingException", message, Map.of(), null, 0);
    }

    static RuntimeFailure modelNotReady(String message) {
        return new RuntimeFailure(429, "ModelNotReadyException", message, Map.of(), null, 0);
    }

    /**
     * A container answered something other than 200: SageMaker's ModelError names it ("from model"
     * for a single container, its name in a pipeline or multi-container model).
     */
    static RuntimeFailure model(String endpoint, String container, int containerStatus, String original,
                                String explanation) {
        String kind = containerStatus >= 500 || containerStatus == 0 ? "server" : "client";
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("ErrorCode", kind.equals("server") ? "SERVER_ERROR_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL");
        members.put("OriginalStatusCode", containerStatus);
        members.put("OriginalMessage", original);
        members.put("LogStreamArn", "local:" + endpoint);
        String message = "Received " + kind + " error (" + containerStatus + ") from " + container + " with message \""
                + original + "\". See the endpoint's log.";
        return new RuntimeFailure(424, "ModelError", message, members, explanation, containerStatus);
    }

    /** A ModelError that is SageMaker's own sentence, not a container's answer (a payload between containers too large). */
    static RuntimeFailure modelPlain(String endpoint, String message) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("ErrorCode", "SERVER_ERROR_FROM_MODEL");
        members.put("OriginalStatusCode", 200);
        members.put("OriginalMessage", message);
        members.put("LogStreamArn", "local:" + endpoint);
        return new RuntimeFailure(424, "ModelError", message, members, null, 500);
    }

    RuntimeFailure explained(String why) {
        return new RuntimeFailure(status, type, getMessage(), members, why, containerStatus);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String explanation() {
        return explanation;
    }

    /** The status metrics count: the container's for a ModelError, else the API's. */
    int metricStatus() {
        return containerStatus != 0 ? containerStatus : status;
    }

    /** The error body: the members of the error shape, with the message as botocore reads it. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(members);
        if (!"ModelError".equals(type)) {
            body.put("__type", type);
            body.put("message", getMessage());
        } else {
            body.put("Message", getMessage());
        }
        return body;
    }
}
