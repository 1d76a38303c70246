package com.endpointstudio.ui.common;

/** The one place errors reach the user: a short sentence, with the technical details on demand. */
public interface ErrorReporter {

    /**
     * @param title what the user was doing, e.g. "Test connection"
     */
    void report(String title, Throwable error);

    /** Something the user should know that failed nothing (a damaged file set aside, say): a warning, not an error. */
    default void warn(String title, String message) {
        report(title, new com.endpointstudio.core.error.StudioException(message));
    }
}
