package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entry point as each container finds it: the script imported by its SAGEMAKER_PROGRAM name
 * (code/inference.py on TensorFlow Serving), the handlers it defines, and scripts that define
 * handlers but would never run because they are not the entry point.
 */
final class EntryPointRules {

    /** The toolkit's handlers in the order the containers call them. */
    private static final List<String> TOOLKIT_ORDER = List.of("model_fn", "input_fn", "predict_fn", "output_fn",
            "transform_fn");

    private EntryPointRules() {
    }

    static Script check(LayoutTarget target, ArchiveContents contents, LayoutNotes notes) {
        String path = target.script();
        boolean present = contents.contains(path);
        Set<String> defined = present ? contents.text(path).map(HandlerScanner::definedFunctions).orElse(null) : null;
        Script script = new Script(path, present, defined);
        Framework framework = target.framework();
        if (framework == Framework.CUSTOM) {
            if (present) {
                notes.role(path, "entry point, if your image runs the SageMaker inference toolkit ("
                        + EntryPoint.VARIABLE + "=" + script.name() + ")");
            }
            codeRoles(framework, contents, notes);
            return script;
        }
        String misplaced = ArchivePaths.fileName(path);
        if (!present && contents.contains(misplaced)) {
            // at the root instead of code/: reported with its fix, and read as where it belongs
            codeRoles(framework, contents, notes);
            return new Script(path, true, contents.text(misplaced).map(HandlerScanner::definedFunctions).orElse(null));
        }
        if (!present) {
            List<String> candidates = candidates(framework, contents, path);
            if (candidates.isEmpty()) {
                missing(target, contents, notes);
            } else {
                candidates.forEach(candidate -> neverRuns(target, contents, candidate, notes));
            }
        } else {
            notes.role(path, framework == Framework.TENSORFLOW ? "request handlers"
                    : "entry point (" + EntryPoint.VARIABLE + "=" + script.name() + ")");
            if (defined != null && framework == Framework.TENSORFLOW) {
                tensorFlow(script, notes);
            } else if (defined != null) {
                toolkit(framework, script, notes);
            }
        }
        codeRoles(framework, contents, notes);
        return script;
    }

    /** Other scripts directly in code/ that define the framework's handlers. */
    private static List<String> candidates(Framework framework, ArchiveContents contents, String entry) {
        List<String> found = new ArrayList<>();
        Set<String> handlers = FrameworkLayout.handlers(framework);
        for (String path : contents.files().keySet()) {
            boolean script = ArchivePaths.parent(path).equals(FrameworkLayout.CODE_DIR) && path.endsWith(".py")
                    && !path.equals(entry);
            if (script && contents.text(path).map(HandlerScanner::definedFunctions)
                    .filter(defined -> defined.stream().anyMatch(handlers::contains)).isPresent()) {
                found.add(path);
            }
        }
        return found;
    }

    private static void neverRuns(LayoutTarget target, ArchiveContents contents, String candidate, LayoutNotes notes) {
        Framework framework = target.framework();
        String name = ArchivePaths.fileName(candidate);
        List<String> handlers = contents.text(candidate).map(HandlerScanner::definedFunctions).orElseThrow().stream()
                .filter(FrameworkLayout.handlers(framework)::contains).sorted().toList();
        if (framework == Framework.TENSORFLOW) {
            // python_service.py:30 and 80-87: the container looks for code/inference.py and nothing else
            notes.add(Finding.error(candidate, "Defines " + String.join(", ", handlers) + ", but the TensorFlow Serving "
                    + "container runs only code/inference.py (it reads no SAGEMAKER_PROGRAM), so " + name
                    + " would never run.").withFix(new Fix.Move(candidate, target.script(), "Rename to inference.py")));
            return;
        }
        notes.add(Finding.error(candidate, "Defines " + String.join(", ", handlers) + ", but the " + container(framework)
                + " imports the entry point " + target.script() + " (" + EntryPoint.VARIABLE + "=" + target.entryPoint()
                + "), which the archive lacks, so " + name + " would never run; make it the entry point ("
                + EntryPoint.VARIABLE + "=" + name + ").").withFix(new Fix.UseEntryPoint(name, "Make " + name
                + " the entry point")));
    }

    private static void missing(LayoutTarget target, ArchiveContents contents, LayoutNotes notes) {
        String path = target.script();
        Fix generate = new Fix.GenerateScript(target.framework(), path, "Generate " + path);
        switch (target.framework()) {
            // serving.py:38-45 and 90-91: the default model_fn raises NotImplementedError
            case SKLEARN -> notes.add(Finding.error(path, "The scikit-learn container has no default model_fn: it "
                    + "imports " + path + " (" + EntryPoint.VARIABLE + ") and needs its model_fn to load your model.")
                    .withFix(generate));
            // handler_service.py:48-53: the module is imported unconditionally
            case MXNET -> notes.add(Finding.error(path, "The MXNet container imports " + path + " when it starts and "
                    + "fails without it ('import_module exception: No module named …'); a script that defines only "
                    + "model_fn, or nothing, keeps the default handlers.").withFix(generate));
            // serving.py:144-145: no SAGEMAKER_PROGRAM means the built-in algorithm
            case XGBOOST -> notes.add(Finding.info("", "Without " + path + " the XGBoost container runs its built-in "
                    + "algorithm (the Model's environment leaves " + EntryPoint.VARIABLE + " unset), which loads the "
                    + "files at the archive root as models."));
            case TENSORFLOW -> notes.add(Finding.info("", "Without code/inference.py, requests go straight to "
                    + "TensorFlow Serving's REST API through the container's front (JSON, JSON Lines and CSV rows)."));
            default -> { }
        }
    }

    private static void tensorFlow(Script script, LayoutNotes notes) {
        // python_service.py:286-294: handler, or input_handler and output_handler, else NotImplementedError
        if (script.defines("handler")) {
            notes.add(Finding.info(script.path(), "The TensorFlow Serving container calls handler(data, context) of "
                    + "this script for every request; context.rest_uri addresses the model in TensorFlow Serving."));
        } else if (script.defines("input_handler") && script.defines("output_handler")) {
            notes.add(Finding.info(script.path(), "The TensorFlow Serving container calls input_handler before and "
                    + "output_handler after each call to TensorFlow Serving's REST API."));
        } else {
            boolean other = script.defined().stream().anyMatch(FrameworkLayout.TOOLKIT_HANDLERS::contains);
            notes.add(Finding.error(script.path(), "Defines neither handler nor both input_handler and output_handler, "
                    + "so the TensorFlow Serving container refuses to start ('Handlers are not implemented correctly')"
                    + (other ? "; model_fn and the *_fn handlers belong to the other framework containers." : ".")));
        }
    }

    private static void toolkit(Framework framework, Script script, LayoutNotes notes) {
        List<String> handlers = TOOLKIT_ORDER.stream().filter(script::defines).toList();
        if (handlers.isEmpty()) {
            notes.add(Finding.error(script.path(), "Defines none of " + String.join(", ", TOOLKIT_ORDER)
                    + "; the container would run its defaults and ignore this script."));
            return;
        }
        List<String> shadowed = List.of("input_fn", "predict_fn", "output_fn").stream().filter(script::defines).toList();
        if (script.defines("transform_fn") && !shadowed.isEmpty()) {
            // transformer.py:219-223 (toolkit), sklearn serving.py:97-98, huggingface handler_service.py:296-301
            notes.add(Finding.error(script.path(), "Defines transform_fn as well as " + String.join(", ", shadowed)
                    + "; the " + container(framework) + " refuses to start with both ('Cannot use transform_fn "
                    + "implementation with input_fn, predict_fn, and/or output_fn')."));
        }
        boolean legacy = framework == Framework.SKLEARN || framework == Framework.XGBOOST;
        if (legacy && !script.defines("model_fn")) {
            // sklearn serving.py:38-45, xgboost serving.py:63-70: no default model_fn
            notes.add(Finding.error(script.path(), "Defines no model_fn, and the " + container(framework)
                    + " has no default one to load your model."));
        }
        notes.add(Finding.info(script.path(), "The " + container(framework) + " imports " + script.path() + " ("
                + EntryPoint.VARIABLE + "=" + script.name() + " in the Model's environment) and calls its "
                + String.join(", ", handlers) + (handlers.size() < 4 && !script.defines("transform_fn")
                ? "; its defaults do the rest." : ".")));
    }

    private static void codeRoles(Framework framework, ArchiveContents contents, LayoutNotes notes) {
        if (contents.hasFolder(FrameworkLayout.CODE_DIR)) {
            notes.role(FrameworkLayout.CODE_DIR, framework == Framework.CUSTOM ? "code"
                    : "on the container's Python path");
        }
        for (String path : contents.files().keySet()) {
            if (!ArchivePaths.isWithin(path, FrameworkLayout.CODE_DIR) || FrameworkLayout.isJunk(path)) {
                continue;
            }
            if (path.equals(FrameworkLayout.REQUIREMENTS)) {
                notes.role(path, "installed with pip when the container starts");
            } else if (framework == Framework.TENSORFLOW && ArchivePaths.isWithin(path, "code/lib")) {
                notes.role("code/lib", "added to the Python path (requirements.txt is then not installed)");
            } else if (path.endsWith(".py") && framework != Framework.CUSTOM) {
                notes.role(path, "module the entry point can import");
            }
        }
    }

    /** How the user knows the framework's serving container, for sentences. */
    static String container(Framework framework) {
        return switch (framework) {
            case TENSORFLOW -> "TensorFlow Serving container";
            case CUSTOM -> "custom container";
            default -> framework.displayName() + " container";
        };
    }
}
