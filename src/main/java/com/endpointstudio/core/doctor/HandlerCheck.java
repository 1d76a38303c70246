package com.endpointstudio.core.doctor;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.doctor.ScriptAnalyzer.Analysis;
import com.endpointstudio.core.doctor.ScriptAnalyzer.FunctionFacts;
import com.endpointstudio.core.doctor.ScriptAnalyzer.ScriptFacts;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.Sources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler script as Python parses it: a syntax error stops the container when it imports the
 * script; each handler must accept the arguments its container calls it with; and the Model's
 * environment must name the entry point the way the container reads it. (Which handlers exist and
 * which combinations are refused is the layout rules' part, shared with the packager.)
 */
final class HandlerCheck {

    /** inspect.signature counting: n arguments, or n + 1 with the context (transformer.py:264-287). */
    private static final String TOOLKIT_ARITY = Sources.TOOLKIT + "transformer.py:264-287; "
            + "aws/sagemaker-huggingface-inference-toolkit handler_service.py:346-371";
    /** The legacy stack calls each handler with exactly its arguments. */
    private static final String LEGACY_ARITY = "aws/sagemaker-containers src/sagemaker_containers/_transformer.py:185, 199, "
            + "227-234";
    private static final String TFS_ARITY = Sources.TFS + "python_service.py:296-303";
    private static final String LEGACY_PROGRAM = "aws/sagemaker-containers src/sagemaker_containers/_env.py:329-330, "
            + "404-415; " + Sources.SKLEARN + "serving.py:115-120, 140";

    private HandlerCheck() {
    }

    static void check(DoctorTarget target, ModelContents model, Analysis analysis, List<DoctorFinding> out) {
        environment(target, model, out);
        if (analysis == null) {
            return;
        }
        String entry = target.layoutTarget().script();
        for (Map.Entry<String, ScriptFacts> script : analysis.scripts().entrySet()) {
            ScriptAnalyzer.SyntaxProblem syntax = script.getValue().syntaxError();
            if (syntax == null) {
                continue;
            }
            boolean isEntry = script.getKey().equals(entry);
            String message = "Line " + syntax.line() + ": " + syntax.message() + " — Python "
                    + analysis.python() + " can't parse it, so " + (isEntry ? "the container fails when it imports the "
                    + "entry point, before /ping ever answers." : "importing it fails.");
            out.add(new DoctorFinding(isEntry ? com.endpointstudio.core.packaging.Severity.ERROR
                    : com.endpointstudio.core.packaging.Severity.WARNING, Check.HANDLERS, script.getKey() + ":"
                    + syntax.line(), message,
                    "Python's parser (ast.parse)", "Fix the syntax; the images run Python 3 (3.8 to 3.12 by version)."));
        }
        ScriptFacts facts = analysis.scripts().get(entry);
        if (facts == null || facts.syntaxError() != null || target.framework() == Framework.CUSTOM) {
            return;
        }
        for (Map.Entry<String, Integer> handler : handlers(target.framework()).entrySet()) {
            FunctionFacts function = facts.functions().get(handler.getKey());
            if (function != null && !function.imported()) {
                arity(target.framework(), entry, handler.getKey(), handler.getValue(), function, out);
            }
        }
    }

    /** Each handler the container calls, with the arguments it passes (context not counted). */
    private static Map<String, Integer> handlers(Framework framework) {
        Map<String, Integer> handlers = new LinkedHashMap<>();
        if (framework == Framework.TENSORFLOW) {
            FrameworkLayout.TFS_HANDLERS.stream().sorted().forEach(name -> handlers.put(name, 2));
            return handlers;
        }
        handlers.put("model_fn", 1);
        handlers.put("input_fn", 2);
        handlers.put("predict_fn", 2);
        handlers.put("output_fn", 2);
        handlers.put("transform_fn", 4);
        return handlers;
    }

    private static void arity(Framework framework, String entry, String name, int args, FunctionFacts function,
                              List<DoctorFinding> out) {
        String where = entry + ":" + function.line();
        boolean legacy = framework == Framework.SKLEARN || framework == Framework.XGBOOST;
        if (framework == Framework.TENSORFLOW || legacy) {
            if (!function.accepts(args)) {
                String container = framework == Framework.TENSORFLOW ? "TensorFlow Serving container"
                        : framework.displayName() + " container";
                out.add(DoctorFinding.error(Check.HANDLERS, where, name + " takes " + describe(function) + ", but the "
                        + container + " calls it with " + args + " (" + arguments(name) + "): every request fails with "
                        + "a TypeError.", framework == Framework.TENSORFLOW ? TFS_ARITY : LEGACY_ARITY,
                        "Define it as def " + name + "(" + arguments(name) + ")."));
            }
            return;
        }
        int count = function.parameters();
        boolean binds = count == args && function.accepts(args) || count == args + 1 && function.accepts(args + 1);
        if (!binds) {
            boolean atStart = name.equals("model_fn");
            out.add(DoctorFinding.error(Check.HANDLERS, where, name + " has " + DoctorReport.plural(count, "parameter")
                    + " ("
                    + describe(function) + "); the " + framework.displayName() + " container counts them and calls it "
                    + "with " + args + " (" + arguments(name) + ") or " + (args + 1) + " (the same and a context), so "
                    + (atStart ? "the model never loads and /ping never answers." : "every request fails with a TypeError."),
                    TOOLKIT_ARITY, "Define it as def " + name + "(" + arguments(name) + ") or def " + name + "("
                    + arguments(name) + ", context) — no *args, **kwargs or extra defaults, which count too."));
        }
    }

    private static String describe(FunctionFacts f) {
        String positional = f.required() == f.positional() ? DoctorReport.plural(f.positional(), "positional argument")
                : f.required() + " to " + f.positional() + " positional arguments";
        return positional + (f.varargs() ? " and *args" : "") + (f.requiredKeywords() > 0 ? " and "
                + f.requiredKeywords() + " required keyword-only" : "");
    }

    private static String arguments(String handler) {
        return switch (handler) {
            case "model_fn" -> "model_dir";
            case "input_fn" -> "request_body, content_type";
            case "predict_fn" -> "input_data, model";
            case "output_fn" -> "prediction, accept";
            case "transform_fn" -> "model, request_body, content_type, accept";
            case "output_handler" -> "response, context";
            default -> "data, context";
        };
    }

    /** SAGEMAKER_PROGRAM as the Model's environment sets it (only known for a spec). */
    private static void environment(DoctorTarget target, ModelContents model, List<DoctorFinding> out) {
        Map<String, String> env = target.environment();
        if (env == null) {
            return;
        }
        String program = env.get(EntryPoint.VARIABLE);
        Framework framework = target.framework();
        boolean script = model.contents().contains(target.layoutTarget().script());
        if (program != null && !program.isBlank() && framework != Framework.CUSTOM) {
            try {
                EntryPoint.check(program, EntryPoint.VARIABLE);
            } catch (ValidationException e) {
                out.add(DoctorFinding.error(Check.HANDLERS, EntryPoint.VARIABLE, e.getMessage() + ".", Sources.PROGRAM,
                        "Set SAGEMAKER_PROGRAM to the file name of the script in code/, e.g. inference.py."));
            }
        }
        if (framework == Framework.SKLEARN && (program == null || program.isBlank())) {
            out.add(DoctorFinding.error(Check.HANDLERS, EntryPoint.VARIABLE, "The scikit-learn container imports the "
                    + "script SAGEMAKER_PROGRAM names and the Model's environment does not set it, so no model_fn is "
                    + "found and the container fails at start.", LEGACY_PROGRAM, script ? "Set SAGEMAKER_PROGRAM="
                    + EntryPoint.DEFAULT + " in the Model's environment." : "Add code/inference.py with model_fn and set "
                    + "SAGEMAKER_PROGRAM=inference.py."));
        } else if (framework == Framework.XGBOOST && (program == null || program.isBlank()) && script) {
            out.add(DoctorFinding.warning(Check.HANDLERS, EntryPoint.VARIABLE, "SAGEMAKER_PROGRAM is not set, so the "
                    + "XGBoost container runs its built-in algorithm and never imports " + target.layoutTarget().script()
                    + ".", "aws/sagemaker-xgboost-container src/sagemaker_xgboost_container/serving.py:144-145",
                    "Set SAGEMAKER_PROGRAM=" + EntryPoint.DEFAULT + " to use the script."));
        } else if (framework == Framework.TENSORFLOW && program != null && !program.isBlank()
                && !program.strip().equals(EntryPoint.DEFAULT)) {
            out.add(DoctorFinding.warning(Check.HANDLERS, EntryPoint.VARIABLE, "The TensorFlow Serving container reads "
                    + "no SAGEMAKER_PROGRAM: it runs code/inference.py only, never " + program + ".",
                    Sources.TFS + "python_service.py:30, 80-87", "Name the script code/inference.py."));
        }
        String submit = env.get("SAGEMAKER_SUBMIT_DIRECTORY");
        if (submit != null && submit.startsWith("s3://")) {
            out.add(DoctorFinding.info(Check.HANDLERS, "SAGEMAKER_SUBMIT_DIRECTORY", "The code comes from " + submit
                    + " (a source archive the container downloads), not from the model's code/ folder; the doctor "
                    + "checked code/ only.", "aws/sagemaker-containers src/sagemaker_containers/_env.py:329-330"));
        }
    }
}
