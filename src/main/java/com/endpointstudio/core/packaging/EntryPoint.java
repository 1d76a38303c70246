package com.endpointstudio.core.packaging;

import com.endpointstudio.core.error.ValidationException;
import java.util.Optional;

/**
 * The entry point: the script under code/ that a framework container imports, named by the Model's
 * SAGEMAKER_PROGRAM variable.
 *
 * <p>The inference toolkit (PyTorch, MXNet, Hugging Face) imports the module SAGEMAKER_PROGRAM names,
 * without ".py", from the code folder on its Python path, "inference.py" when the variable is unset
 * (sagemaker-inference-toolkit environment.py:25 and 73, transformer.py:198-206); the legacy stack
 * of the scikit-learn and XGBoost containers does the same from the variable alone
 * (sagemaker-containers _env.py:329-330 and 404-415). The TensorFlow Serving container reads no
 * such variable: it runs code/inference.py if it exists (python_service.py:30 and 80-87).
 */
public final class EntryPoint {

    public static final String DEFAULT = "inference.py";
    public static final String VARIABLE = "SAGEMAKER_PROGRAM";

    private EntryPoint() {
    }

    /**
     * A script name the containers can import, stripped; otherwise a {@link ValidationException}
     * naming {@code field}. The name lies directly in code/ and ends in .py; the module name is what
     * precedes ".py", so a further dot would make it a package path that does not exist.
     */
    public static String check(String name, String field) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(field, "is empty; name the script under code/, e.g. inference.py");
        }
        if (stripped.contains("/") || stripped.contains("\\")) {
            throw new ValidationException(field, "'" + stripped + "' is a path; the entry point is a file name directly "
                    + "in code/, which is the folder on the container's Python path");
        }
        if (!stripped.endsWith(".py") || stripped.length() == 3) {
            throw new ValidationException(field, "'" + stripped + "' is not a Python script name ending in .py");
        }
        if (stripped.substring(0, stripped.length() - 3).contains(".")) {
            throw new ValidationException(field, "'" + stripped + "' has a dot before .py; the container imports the "
                    + "module '" + stripped.substring(0, stripped.length() - 3) + "', which Python reads as a package path");
        }
        return stripped;
    }

    /** True when the framework's container imports the script SAGEMAKER_PROGRAM names. */
    public static boolean readsProgram(Framework framework) {
        return framework != Framework.TENSORFLOW;
    }

    /**
     * The SAGEMAKER_PROGRAM value a Model serving this archive needs: the entry point when the archive
     * holds it, empty when it holds no script to run (the variable then has to be unset, which is what
     * switches the XGBoost container to its built-in algorithm).
     */
    public static Optional<String> program(LayoutTarget target, ArchiveContents contents) {
        return contents.contains(target.script()) ? Optional.of(ArchivePaths.fileName(target.script()))
                : Optional.empty();
    }
}
