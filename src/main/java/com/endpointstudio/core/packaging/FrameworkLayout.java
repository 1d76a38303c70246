package com.endpointstudio.core.packaging;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each framework's serving container reads from /opt/ml/model: where the model files
 * go, which handler functions it calls, and which versions install code/requirements.txt.
 */
public final class FrameworkLayout {

    public static final String CODE_DIR = "code";
    public static final String REQUIREMENTS = "code/requirements.txt";

    /** Handlers of the SageMaker inference toolkit (PyTorch, scikit-learn, MXNet, XGBoost, Hugging Face). */
    public static final Set<String> TOOLKIT_HANDLERS = Set.of("model_fn", "input_fn", "predict_fn", "output_fn",
            "transform_fn");
    /** Handlers of the TensorFlow Serving container's pre- and post-processing script. */
    public static final Set<String> TFS_HANDLERS = Set.of("input_handler", "output_handler", "handler");

    private static final Pattern VERSION_FOLDER = Pattern.compile("\\d+");
    private static final Pattern MXNET_PARAMS = Pattern.compile(".+-\\d{4}\\.params");

    private FrameworkLayout() {
    }

    /** The handler functions the container looks for in code/inference.py. */
    public static Set<String> handlers(Framework framework) {
        return switch (framework) {
            case TENSORFLOW -> TFS_HANDLERS;
            case CUSTOM -> Set.of();
            default -> TOOLKIT_HANDLERS;
        };
    }

    /** True when the container installs code/requirements.txt at start-up for this version. */
    public static boolean honoursRequirements(Framework framework, FrameworkVersion version) {
        return switch (framework) {
            case PYTORCH -> version == null || version.isAtLeast("1.3.1");
            case MXNET -> version == null || version.isAtLeast("1.6.0");
            case CUSTOM -> false;
            default -> true;
        };
    }

    /** The first version that honours requirements.txt, for messages; null when all do. */
    public static String requirementsSince(Framework framework) {
        return switch (framework) {
            case PYTORCH -> "1.3.1";
            case MXNET -> "1.6.0";
            default -> null;
        };
    }

    /** True when {@code name} (a file name) is a model file the framework's users produce. */
    public static boolean isModelFile(Framework framework, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (framework) {
            case PYTORCH -> lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".pt2");
            case TENSORFLOW -> lower.equals("saved_model.pb");
            case SKLEARN -> lower.endsWith(".joblib") || lower.endsWith(".pkl") || lower.endsWith(".pickle");
            case MXNET -> lower.endsWith("-symbol.json") || MXNET_PARAMS.matcher(lower).matches()
                    || lower.endsWith("-shapes.json");
            case XGBOOST -> lower.equals("xgboost-model") || lower.endsWith(".ubj") || lower.endsWith(".bst")
                    || lower.endsWith(".model") || lower.endsWith(".xgb") || lower.endsWith(".json");
            case HUGGINGFACE -> lower.equals("config.json") || lower.endsWith(".safetensors")
                    || lower.equals("pytorch_model.bin") || lower.equals("tf_model.h5")
                    || lower.matches("pytorch_model-\\d+-of-\\d+\\.bin");
            case CUSTOM -> false;
        };
    }

    /** A description of the expected model files, for findings. */
    public static String modelFileHint(Framework framework) {
        return switch (framework) {
            case PYTORCH -> "a PyTorch model file (*.pt or *.pth) at the archive root";
            case TENSORFLOW -> "a SavedModel: <version number>/saved_model.pb with <version number>/variables/, or "
                    + "<model name>/<version number>/… for each named model";
            case SKLEARN -> "a scikit-learn model file (model.joblib or *.pkl) at the archive root";
            case MXNET -> "MXNet files model-symbol.json, model-shapes.json and model-0000.params at the archive root";
            case XGBOOST -> "an XGBoost model file (xgboost-model, *.json, *.ubj, *.bst) at the archive root";
            case HUGGINGFACE -> "a Hugging Face model folder's files (config.json and weights) at the archive root";
            case CUSTOM -> "the files your image reads from /opt/ml/model";
        };
    }

    /** What the target's container reads from the archive, in a few sentences for the wizard. */
    public static String describe(LayoutTarget target) {
        Framework framework = target.framework();
        String code = framework == Framework.CUSTOM ? "" : " Handler code goes in " + target.script() + " ("
                + String.join(", ", handlers(framework).stream().sorted().toList())
                + "), packages in code/requirements.txt.";
        boolean codeOnly = framework != Framework.TENSORFLOW && framework != Framework.CUSTOM;
        return "The archive is unpacked into /opt/ml/model. " + framework.displayName() + " expects "
                + modelFileHint(framework) + (codeOnly ? ", or only code whose model_fn builds the model." : ".") + code;
    }

    /** A folder name TensorFlow Serving accepts as a model version. */
    public static boolean isVersionFolder(String name) {
        return VERSION_FOLDER.matcher(name).matches();
    }

    /** Files that only get into archives by accident. */
    public static boolean isJunk(String path) {
        String name = ArchivePaths.fileName(path);
        List<String> segments = List.of(path.split("/"));
        return name.equals(".DS_Store") || name.equals("Thumbs.db") || name.endsWith(".pyc")
                || segments.contains("__pycache__") || segments.contains(".ipynb_checkpoints")
                || segments.contains(".git");
    }
}
