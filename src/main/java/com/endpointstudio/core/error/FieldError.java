package com.endpointstudio.core.error;

import java.util.Objects;

/** One input problem: the field, named as the user sees it, and what is wrong with it. */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
