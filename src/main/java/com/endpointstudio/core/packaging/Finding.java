package com.endpointstudio.core.packaging;

import java.util.Optional;

/**
 * One result of validating an archive against its framework's layout.
 *
 * @param severity whether it stops the build
 * @param path     the archive path it is about ("" for the archive as a whole)
 * @param message  what is wrong and why the container cares
 * @param fix      a change to the tree that resolves it, when there is one
 * @param source   where the container does what the message says (repository, file and line), or null
 */
public record Finding(Severity severity, String path, String message, Optional<Fix> fix, String source) {

    public Finding(Severity severity, String path, String message, Optional<Fix> fix) {
        this(severity, path, message, fix, null);
    }

    public static Finding error(String path, String message) {
        return new Finding(Severity.ERROR, path, message, Optional.empty());
    }

    public static Finding warning(String path, String message) {
        return new Finding(Severity.WARNING, path, message, Optional.empty());
    }

    public static Finding info(String path, String message) {
        return new Finding(Severity.INFO, path, message, Optional.empty());
    }

    public Finding withFix(Fix fix) {
        return new Finding(severity, path, message, Optional.of(fix), source);
    }

    /** The same finding citing the container source it reproduces. */
    public Finding citing(String where) {
        return new Finding(severity, path, message, fix, where);
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase() + "  " + (path.isEmpty() ? "(archive)" : path) + ": " + message;
    }
}
