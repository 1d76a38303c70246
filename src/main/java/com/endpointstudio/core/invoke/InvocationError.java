package com.endpointstudio.core.invoke;

/**
 * Why an invocation failed.
 *
 * @param code      the API's error code (ModelError, ValidationError, ThrottlingException, …)
 * @param message   for a ModelError, the container's own message
 * @param logStream where the container logged it: a CloudWatch log stream ARN, or "local:NAME"
 * @param explanation Local hosting only: one sentence on the container rule behind the answer, or null
 */
public record InvocationError(String code, String message, String logStream, String explanation) {

    public InvocationError(String code, String message, String logStream) {
        this(code, message, logStream, null);
    }

    /** The message as the console shows it: the container's own, then why (Local), a paragraph apart. */
    public String shownMessage() {
        return explanation == null ? message : (message == null ? "" : message.strip()) + "\n\nWhy: " + explanation;
    }

    /** The kind the load tester groups failures by, e.g. "ModelError 500" or "ThrottlingException". */
    public String kind(int status) {
        return "ModelError".equals(code) ? code + " " + status : code;
    }
}
