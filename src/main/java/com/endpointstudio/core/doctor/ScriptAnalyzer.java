package com.endpointstudio.core.doctor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads handler scripts with Python's own parser (never running them): the functions each defines
 * with what their signatures accept, its imports, its syntax error. Implemented on this computer's
 * Python by the local hosting adapter.
 */
public interface ScriptAnalyzer {

    /**
     * @param sources archive path → script source
     * @throws com.endpointstudio.core.error.StudioException when no Python can be run
     */
    Analysis analyze(Map<String, String> sources);

    /**
     * @param stdlib the standard library's top-level module names of the Python that parsed them
     */
    record Analysis(String python, Set<String> stdlib, Map<String, ScriptFacts> scripts) {
        public Analysis {
            stdlib = Set.copyOf(stdlib);
            scripts = Map.copyOf(scripts);
        }
    }

    /** One script; {@code syntaxError} is null when it parses. */
    record ScriptFacts(Map<String, FunctionFacts> functions, List<ImportFacts> imports, SyntaxProblem syntaxError) {
        public ScriptFacts {
            functions = Map.copyOf(functions);
            imports = List.copyOf(imports);
        }
    }

    /**
     * A module-level function.
     *
     * @param parameters        every parameter, as {@code len(inspect.signature(f).parameters)} counts them
     * @param positional        parameters that take a positional argument (without *args)
     * @param required          positional parameters without a default
     * @param varargs           whether it takes *args
     * @param requiredKeywords  keyword-only parameters without a default
     * @param imported          bound by "from … import name": its signature is not known here
     */
    record FunctionFacts(int line, int parameters, int positional, int required, boolean varargs,
                         int requiredKeywords, boolean imported) {

        /** Whether a call with {@code count} positional arguments binds. */
        public boolean accepts(int count) {
            return imported || requiredKeywords == 0 && count >= required && (varargs || count <= positional);
        }
    }

    /**
     * @param topLevel run when the module is imported (not inside a function or class)
     * @param guarded  inside a try block, so a missing module may be handled
     */
    record ImportFacts(String module, int line, boolean topLevel, boolean guarded) {

        /** "numpy" for "numpy.linalg". */
        public String topModule() {
            int dot = module.indexOf('.');
            return dot < 0 ? module : module.substring(0, dot);
        }
    }

    record SyntaxProblem(int line, String message) {
    }
}
