package com.endpointstudio.core.error;

import java.util.List;

/** Input refused before any call is made; each problem names the field it is about. */
public class ValidationException extends StudioException {

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(error);
        }
        return text.toString();
    }
}
