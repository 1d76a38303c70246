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

    /**
     * The message as the console shows it: on Local, first the sentence on why (a traceback below
     * would push it out of sight), then the container's own message.
     */
    public String shownMessage() {
        return explanation == null ? message : "Why: " + explanation + "\n\n" + (message == null ? "" : message.strip());
    }

    /** The kind the load tester groups failures by, e.g. "ModelError 500" or "ThrottlingException". */
    public String kind(int status) {
        return "ModelError".equals(code) ? code + " " + status : code;
    }
}
