package com.endpointstudio.core.packaging;

import java.util.List;
import java.util.Set;

/** Which frameworks can serve without code/inference.py, and what their default handlers need. */
final class HandlerRules {

    private HandlerRules() {
    }

    static void missingScript(Framework framework, ArchiveContents contents, List<Finding> findings) {
        Fix generate = new Fix.GenerateScript(framework, "Generate code/inference.py");
        switch (framework) {
            case SKLEARN -> findings.add(Finding.error(FrameworkLayout.SCRIPT, "The scikit-learn container has no default "
                    + "model_fn: it needs code/inference.py with a model_fn that loads your model.").withFix(generate));
            case PYTORCH -> {
                if (contents.contains("model.pt")) {
                    findings.add(Finding.info("model.pt", "Without code/inference.py the PyTorch container loads model.pt "
                            + "with torch.jit.load, so it must be a TorchScript model.").withFix(generate));
                } else {
                    findings.add(Finding.error(FrameworkLayout.SCRIPT, "The PyTorch container needs code/inference.py with a "
                            + "model_fn (its default handler only loads a TorchScript file named model.pt).").withFix(generate));
                }
            }
            case MXNET -> {
                if (!contents.contains("model-symbol.json")) {
                    findings.add(Finding.error(FrameworkLayout.SCRIPT, "Without code/inference.py the MXNet container loads "
                            + "files named model-symbol.json, model-shapes.json and model-0000.params; name them so or add a "
                            + "script with model_fn.").withFix(generate));
                }
            }
            case XGBOOST -> {
                if (!contents.contains("xgboost-model")) {
                    findings.add(Finding.warning(FrameworkLayout.SCRIPT, "Without code/inference.py the XGBoost container "
                            + "expects its model in a file named xgboost-model.").withFix(generate));
                }
            }
            default -> { }
        }
    }

    static void checkDefined(Framework framework, Set<String> defined, List<Finding> findings) {
        boolean needsModelFn = framework == Framework.SKLEARN || framework == Framework.PYTORCH;
        if (needsModelFn && !defined.contains("model_fn")) {
            findings.add(Finding.error(FrameworkLayout.SCRIPT, "Defines no model_fn, and the " + framework.displayName()
                    + " container has no default one to load your model."));
        }
        if (defined.contains("transform_fn")) {
            List<String> shadowed = List.of("input_fn", "predict_fn", "output_fn").stream()
                    .filter(defined::contains).toList();
            if (!shadowed.isEmpty()) {
                findings.add(Finding.warning(FrameworkLayout.SCRIPT, "Defines transform_fn as well as "
                        + String.join(", ", shadowed) + "; the container calls transform_fn alone and never these."));
            }
        }
    }

    static void huggingFace(ArchiveContents contents, List<Finding> findings) {
        boolean script = contents.contains(FrameworkLayout.SCRIPT);
        boolean weights = contents.files().keySet().stream().anyMatch(p -> ArchivePaths.parent(p).isEmpty()
                && FrameworkLayout.isModelFile(Framework.HUGGINGFACE, p) && !p.equals("config.json"));
        if (!contents.contains("config.json") && !script) {
            findings.add(Finding.error("config.json", "The Hugging Face container loads the model folder with "
                    + "transformers' pipeline, which needs config.json at the archive root."));
        }
        if (!weights && !script) {
            findings.add(Finding.error("", "No model weights (*.safetensors, pytorch_model.bin or tf_model.h5) at the "
                    + "archive root."));
        }
    }
}
