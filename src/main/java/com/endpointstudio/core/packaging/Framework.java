package com.endpointstudio.core.packaging;

import com.endpointstudio.core.error.ValidationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The serving containers a model artifact can be packaged for; each reads its own layout. */
public enum Framework {
    PYTORCH("pytorch", "PyTorch"),
    TENSORFLOW("tensorflow", "TensorFlow"),
    SKLEARN("sklearn", "scikit-learn"),
    MXNET("mxnet", "MXNet"),
    XGBOOST("xgboost", "XGBoost"),
    HUGGINGFACE("huggingface", "Hugging Face"),
    CUSTOM("custom", "Custom container");

    private final String cliName;
    private final String displayName;

    Framework(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    /** The name on the command line and in spec files. */
    public String cliName() {
        return cliName;
    }

    public String displayName() {
        return displayName;
    }

    public static Framework fromCliName(String name, String field) {
        return Arrays.stream(values())
                .filter(f -> f.cliName.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new ValidationException(field, "'" + name + "' is not a framework; use one of "
                        + Arrays.stream(values()).map(Framework::cliName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
