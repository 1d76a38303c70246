package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Model files of the PyTorch, scikit-learn and XGBoost containers: read by the script's model_fn
 * wherever they lie, or, without one, by the container's default loading, which reads only the
 * archive root. An archive without model files is fine when model_fn builds the model itself.
 */
final class ModelFileRules {

    private ModelFileRules() {
    }

    static void check(LayoutTarget target, ArchiveContents contents, Script script, LayoutNotes notes) {
        Framework framework = target.framework();
        List<String> models = contents.files().keySet().stream()
                .filter(p -> !ArchivePaths.isWithin(p, FrameworkLayout.CODE_DIR) && !FrameworkLayout.isJunk(p)
                        && FrameworkLayout.isModelFile(framework, ArchivePaths.fileName(p)))
                .toList();
        if (script.mayDefine("model_fn")) {
            models.forEach(path -> notes.role(path, "read by your model_fn"));
            if (models.isEmpty() && script.defines("model_fn")) {
                notes.add(Finding.info("", "Code only: /opt/ml/model holds no model file, so your model_fn builds or "
                        + "fetches the model itself."));
            }
            return;
        }
        switch (framework) {
            case PYTORCH -> pytorchDefault(target, contents, script, models, notes);
            case XGBOOST -> {
                if (!script.present()) {
                    xgboostAlgorithm(contents, notes);
                }
            }
            default -> { } // scikit-learn has no default model_fn: the entry-point rules said so
        }
    }

    /**
     * default_pytorch_inference_handler.py:67-84: model.pt, else exactly one .pt or .pth file at the
     * root, loaded with torch.jit.load.
     */
    private static void pytorchDefault(LayoutTarget target, ArchiveContents contents, Script script, List<String> models,
                                       LayoutNotes notes) {
        List<String> atRoot = models.stream().filter(p -> ArchivePaths.parent(p).isEmpty())
                .filter(p -> p.endsWith(".pt") || p.endsWith(".pth")).toList();
        String loaded = contents.contains("model.pt") ? "model.pt" : atRoot.size() == 1 ? atRoot.get(0) : null;
        Fix generate = new Fix.GenerateScript(Framework.PYTORCH, target.script(), "Generate " + target.script());
        String where = script.present() ? script.path() + " defines no model_fn" : "the archive has no " + target.script();
        if (loaded != null) {
            notes.role(loaded, "loaded by the default model_fn (torch.jit.load)");
            Finding finding = Finding.info(loaded, "As " + where + ", the PyTorch container loads " + loaded
                    + " with torch.jit.load, so it must be a TorchScript model.");
            notes.add(script.present() ? finding : finding.withFix(generate));
            return;
        }
        String reason = atRoot.isEmpty() ? "no .pt or .pth file at the archive root"
                : "several .pt/.pth files at the root (" + String.join(", ", atRoot) + ")";
        Finding error = Finding.error(script.present() ? script.path() : target.script(), "As " + where + ", the "
                + "PyTorch container would load model.pt, or the only .pt/.pth file at the root, as TorchScript, and "
                + "there is " + reason + "; define model_fn to load your model.");
        notes.add(script.present() ? error : error.withFix(generate));
        for (String path : models) {
            if (!ArchivePaths.parent(path).isEmpty()) {
                String target2 = ArchivePaths.fileName(path);
                Finding finding = Finding.warning(path, "The default model_fn reads the archive root (/opt/ml/model), "
                        + "not " + ArchivePaths.parent(path) + "/.");
                notes.add(contents.contains(target2) ? finding : finding.withFix(new Fix.Move(path, target2, "Move to root")));
            }
        }
    }

    /**
     * The built-in algorithm loads every file at the root as a booster, an ensemble by default
     * (algorithm_mode/serve.py:135, serve_utils.py:158-197; dot files are skipped).
     */
    private static void xgboostAlgorithm(ArchiveContents contents, LayoutNotes notes) {
        List<String> atRoot = new ArrayList<>();
        for (String path : contents.files().keySet()) {
            if (ArchivePaths.parent(path).isEmpty() && !path.startsWith(".")) {
                atRoot.add(path);
            }
        }
        if (atRoot.isEmpty()) {
            notes.add(Finding.error("", "No model file at the archive root, where the XGBoost algorithm loads its model "
                    + "(e.g. xgboost-model)."));
            return;
        }
        for (String path : atRoot) {
            notes.role(path, "loaded as a booster by the built-in algorithm");
            if (!FrameworkLayout.isModelFile(Framework.XGBOOST, path) && !path.toLowerCase(Locale.ROOT).endsWith(".pkl")) {
                notes.add(Finding.warning(path, "The XGBoost algorithm loads every file at the archive root as a model "
                        + "(an ensemble, unless SAGEMAKER_INFERENCE_ENSEMBLE=false), and this one does not look like "
                        + "one; keep only models at the root.").withFix(new Fix.Remove(path, "Remove")));
            }
        }
    }
}
