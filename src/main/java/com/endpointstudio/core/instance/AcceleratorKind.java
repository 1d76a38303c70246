package com.endpointstudio.core.instance;

import java.util.Locale;

/** What accelerates an instance type, if anything: the picker filters on it and the image resolver's processor follows it. */
public enum AcceleratorKind {
    NONE, GPU, INFERENTIA, TRAINIUM, GAUDI;

    static AcceleratorKind parse(String text) {
        return text == null || text.isBlank() ? NONE : valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return switch (this) {
            case NONE -> "CPU only";
            case GPU -> "GPU";
            case INFERENTIA -> "Inferentia";
            case TRAINIUM -> "Trainium";
            case GAUDI -> "Gaudi";
        };
    }
}
