package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The Python that runs local endpoints: the one chosen in Settings, else python3 (or python) on the PATH. */
public record PythonInterpreter(String command, String version) {

    /**
     * Finds and checks the interpreter.
     *
     * @param chosen the path from Settings, or null to search the PATH
     */
    public static PythonInterpreter detect(String chosen) {
        if (chosen != null && !chosen.isBlank()) {
            return probe(chosen.strip()).orElseThrow(() -> new StudioException("The Python interpreter " + chosen
                    + " chosen in Settings can't be run. Choose another one (for example a conda env's bin/python) "
                    + "in Settings › Local hosting."));
        }
        for (String name : List.of("python3", "python")) {
            Optional<PythonInterpreter> found = onPath(name).flatMap(path -> probe(path.toString()));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new StudioException("No Python interpreter was found on the PATH (python3 or python). Install Python 3 "
                + "or choose an interpreter in Settings › Local hosting.");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String candidate : List.of(name, name + ".exe")) {
                Path file = Path.of(dir, candidate);
                if (Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PythonInterpreter> probe(String command) {
        try {
            // an interpreter that hangs is given up on after 10 s
            return ToolCommand.answer(List.of(command, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"),
                            Duration.ofSeconds(10))
                    .filter(answer -> answer.succeeded() && answer.output().strip().startsWith("3."))
                    .map(answer -> new PythonInterpreter(command, answer.output().strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
