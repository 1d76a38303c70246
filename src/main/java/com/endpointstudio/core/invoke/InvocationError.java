package com.endpointstudio.core.invoke;

/**
 * Why an invocation failed.
 *
 * @param code      the API's error code (ModelError, ValidationError, ThrottlingException, …)
 * @param message   for a ModelError, the container's own message
 * @param logStream where the container logged it: a CloudWatch log stream ARN, or "local:NAME"
 */
public record InvocationError(String code, String message, String logStream) {

    /** The kind the load tester groups failures by, e.g. "ModelError 500" or "ThrottlingException". */
    public String kind(int status) {
        return "ModelError".equals(code) ? code + " " + status : code;
    }
}
