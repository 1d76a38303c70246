package com.endpointstudio.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects field errors, then throws them together so the user sees every problem at once. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation notBlank(String value, String field) {
        return require(value != null && !value.isBlank(), field, "is required");
    }

    /** Checks length and an API pattern, as the service would, with the rule in the message. */
    public Validation matches(String value, Pattern pattern, int maxLength, String field, String rule) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "is " + value.length() + " characters long; the limit is " + maxLength));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "'" + value + "' is not valid: " + rule));
        }
        return this;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
