package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.error.StudioException;

/** A model archive that can't be read safely: not a tar.gz, truncated, corrupt, or absurdly large. */
public final class ArchiveException extends StudioException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
