package com.endpointstudio.core.packaging;

import java.util.List;

/**
 * Framework versions offered in the packaging wizard's version picker, newest first. Any other
 * version can be typed; the layout rules compare versions numerically.
 */
public final class KnownVersions {

    private KnownVersions() {
    }

    public static List<String> of(Framework framework) {
        return switch (framework) {
            case PYTORCH -> List.of("2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0", "1.13", "1.12", "1.8", "1.6",
                    "1.5", "1.4", "1.3.1", "1.2", "1.1", "1.0");
            case TENSORFLOW -> List.of("2.18", "2.16", "2.14", "2.13", "2.12", "2.11", "2.8", "2.4", "1.15");
            case SKLEARN -> List.of("1.4-2", "1.2-1", "1.0-1", "0.23-1");
            case MXNET -> List.of("1.9.0", "1.8.0", "1.7.0", "1.6.0", "1.4.1");
            case XGBOOST -> List.of("3.0-5", "2.0-1", "1.7-1", "1.5-1", "1.3-1", "1.2-2", "1.0-1");
            case HUGGINGFACE -> List.of("4.51", "4.49", "4.48", "4.46", "4.37", "4.28", "4.26");
            case CUSTOM -> List.of();
        };
    }

    public static String newest(Framework framework) {
        List<String> versions = of(framework);
        return versions.isEmpty() ? "" : versions.get(0);
    }
}
