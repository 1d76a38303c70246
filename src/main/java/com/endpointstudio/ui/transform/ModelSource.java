package com.endpointstudio.ui.transform;

/** Where the Batch transform screen takes its Model from. */
public enum ModelSource {
    SPEC("A spec's Model"),
    EXISTING("An existing Model"),
    ARCHIVE("A packaged model");

    private final String label;

    ModelSource(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
