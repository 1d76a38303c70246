package com.endpointstudio.ui.common;

import com.endpointstudio.core.error.StudioException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The two halves of a reported error: the sentence for the user and the details for support. */
public record ErrorDetails(String message, String details) {

    public static ErrorDetails of(Throwable error) {
        String message = error instanceof StudioException
                ? error.getMessage()
                : "Something unexpected went wrong: " + (error.getMessage() == null
                        ? error.getClass().getSimpleName() : error.getMessage());
        StringBuilder details = new StringBuilder();
        if (error instanceof StudioException studio) {
            studio.errorCode().ifPresent(code -> details.append("Error code: ").append(code).append('\n'));
            studio.requestId().ifPresent(id -> details.append("Request id: ").append(id).append('\n'));
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        details.append(trace);
        return new ErrorDetails(message, details.toString());
    }
}
