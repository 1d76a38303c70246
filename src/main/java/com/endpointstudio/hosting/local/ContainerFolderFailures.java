package com.endpointstudio.hosting.local;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a bring-your-own-container folder's serve stopped before GET /ping answered, read from its
 * log: the web server or web framework the container installs is missing from the interpreter, or
 * the app failed to import (gunicorn: "Worker failed to boot" after the traceback).
 */
final class ContainerFolderFailures {

    private static final Pattern MISSING = Pattern.compile("No module named '?([A-Za-z0-9_.]+)'?");
    /** The last line of a Python traceback: "ModuleNotFoundError: …", "SyntaxError: …", "ValueError: …". */
    private static final Pattern ERROR = Pattern.compile("^([A-Za-z_][\\w.]*(?:Error|Exception|Exit)): .*");
    private static final List<String> SERVING = List.of("gunicorn", "flask");

    private ContainerFolderFailures() {
    }

    /** A sentence naming the cause, or null when the log shows none (the exit code and last lines then tell). */
    static String reason(PythonInterpreter python, List<String> log) {
        String error = null;
        for (int i = log.size() - 1; i >= 0 && error == null; i--) {
            Matcher line = ERROR.matcher(log.get(i).strip());
            if (line.matches()) {
                error = log.get(i).strip();
            }
        }
        for (String line : log) {
            Matcher missing = MISSING.matcher(line);
            if (missing.find() && SERVING.contains(missing.group(1).split("\\.")[0].toLowerCase(java.util.Locale.ROOT))) {
                String module = missing.group(1).split("\\.")[0];
                return "The container's serve needs " + module + ", which the Python interpreter " + python.command()
                        + " lacks: add " + module + " to the container folder's requirements.txt (Local hosting installs "
                        + "it, as the Dockerfile does), or run " + python.command() + " -m pip install " + module + ".";
            }
        }
        if (error == null) {
            return null;
        }
        boolean boot = log.stream().anyMatch(line -> line.contains("Worker failed to boot"));
        return "The container's serve stopped before GET /ping answered: " + error
                + (boot ? " (gunicorn could not import the app: wsgi.py, predictor.py and what they import)" : "")
                + ". The endpoint's log holds the whole traceback.";
    }
}
