package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MXNet's file naming: a checkpoint is PREFIX-symbol.json with PREFIX-EPOCH.params, the epoch in
 * four digits (mx.model.save_checkpoint's "%s-%04d.params"). Without a model_fn the container's
 * default loads prefix "model", epoch 0, and binds the shapes in model-shapes.json
 * (sagemaker-mxnet-inference-toolkit default_inference_handler.py:35-40 and 59-78).
 */
final class MxnetRules {

    private static final Pattern PARAMS = Pattern.compile("(.+)-(\\d{4})\\.params");
    private static final Map<String, String> DEFAULTS = Map.of("symbol", "model-symbol.json", "params",
            "model-0000.params", "shapes", "model-shapes.json");

    private MxnetRules() {
    }

    static void check(ArchiveContents contents, Script script, LayoutNotes notes) {
        List<String> symbols = new ArrayList<>();
        List<String> params = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (String path : contents.files().keySet()) {
            if (!ArchivePaths.parent(path).isEmpty()) {
                continue;
            }
            Matcher epoch = PARAMS.matcher(path);
            if (path.endsWith("-symbol.json")) {
                symbols.add(path);
                notes.role(path, "network symbol, prefix " + prefix(path, "-symbol.json"));
            } else if (epoch.matches()) {
                params.add(path);
                notes.role(path, "parameters of prefix " + epoch.group(1) + ", epoch " + Integer.parseInt(epoch.group(2)));
            } else if (path.endsWith("-shapes.json")) {
                shapes.add(path);
                notes.role(path, "input shapes");
            }
        }
        if (script.mayDefine("model_fn")) {
            if (symbols.isEmpty() && params.isEmpty() && script.defines("model_fn")) {
                notes.add(Finding.info("", "Code only: /opt/ml/model holds no MXNet files, so your model_fn builds or "
                        + "fetches the model itself."));
            }
            for (String symbol : symbols) {
                String prefix = prefix(symbol, "-symbol.json");
                if (params.stream().noneMatch(p -> p.startsWith(prefix + "-"))) {
                    notes.add(Finding.error(symbol, "No " + prefix + "-NNNN.params beside it: MXNet loads a symbol with "
                            + "its parameters (mx.model.load_checkpoint(\"" + prefix + "\", epoch) reads " + prefix
                            + "-symbol.json and " + prefix + "-0000.params for epoch 0)."));
                }
            }
            return;
        }
        List<String> missing = DEFAULTS.values().stream().filter(name -> !contents.contains(name)).sorted().toList();
        if (missing.isEmpty()) {
            DEFAULTS.values().forEach(name -> notes.roles.put(name, notes.roles.get(name) + ", loaded by the default model_fn"));
            notes.add(Finding.info("", "Without a model_fn the MXNet container loads prefix `model`, epoch 0 "
                    + "(model-symbol.json, model-0000.params) and binds the input shapes of model-shapes.json."));
            return;
        }
        for (String name : missing) {
            String candidate = candidate(name, symbols, params, shapes);
            String message = "Without a model_fn the MXNet container loads exactly model-symbol.json, model-0000.params "
                    + "and model-shapes.json (prefix model, epoch 0), and " + name + " is missing"
                    + (candidate == null ? "; name your files so, or define model_fn." : "; " + candidate
                    + " would be it, renamed.");
            Finding finding = Finding.error(candidate == null ? "" : candidate, message);
            notes.add(candidate == null ? finding : finding.withFix(new Fix.Move(candidate, name, "Rename to " + name)));
        }
    }

    /** The one file of that kind under another name (another prefix or epoch), if there is exactly one. */
    private static String candidate(String name, List<String> symbols, List<String> params, List<String> shapes) {
        List<String> kind = name.endsWith("-symbol.json") ? symbols : name.endsWith(".params") ? params : shapes;
        return kind.size() == 1 ? kind.get(0) : null;
    }

    private static String prefix(String path, String suffix) {
        return path.substring(0, path.length() - suffix.length());
    }
}
