package com.endpointstudio.ui.common;

import com.endpointstudio.core.error.StudioException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The parts of a reported error: the sentence for the user, the service's error code and request
 * id (shown under the sentence, for support), and the details with the stack trace.
 *
 * @param codeLine "Error code X · request id Y", or empty when the service gave neither
 */
public record ErrorDetails(String message, String codeLine, String details) {

    public static ErrorDetails of(Throwable error) {
        String message = error instanceof StudioException
                ? error.getMessage()
                : "Something unexpected went wrong: " + (error.getMessage() == null
                        ? error.getClass().getSimpleName() : error.getMessage());
        StringBuilder details = new StringBuilder();
        String code = null;
        String requestId = null;
        if (error instanceof StudioException studio) {
            code = studio.errorCode().orElse(null);
            requestId = studio.requestId().orElse(null);
            if (code != null) {
                details.append("Error code: ").append(code).append('\n');
            }
            if (requestId != null) {
                details.append("Request id: ").append(requestId).append('\n');
            }
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        details.append(trace);
        String codeLine = (code == null ? "" : "Error code " + code) + (code != null && requestId != null ? " · " : "")
                + (requestId == null ? "" : (code == null ? "Request id " : "request id ") + requestId);
        return new ErrorDetails(message, codeLine, details.toString());
    }
}
