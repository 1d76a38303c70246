package com.endpointstudio.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter the tests use, with the packages they need. The system's python3 is
 * used when it has them; otherwise a virtual environment under ~/.cache/endpoint-studio-tests
 * is made once and the packages are installed into it with pip.
 */
public final class TestPython {

    private static final Path VENV = Path.of(System.getProperty("user.home"), ".cache", "endpoint-studio-tests", "venv");

    private TestPython() {
    }

    /** An interpreter that can import every module given, installing the pip packages if needed. */
    public static synchronized String withModules(List<String> modules, List<String> pipPackages) {
        String system = systemPython();
        if (canImport(system, modules)) {
            return system;
        }
        String venvPython = VENV.resolve("bin").resolve("python").toString();
        if (!Files.isExecutable(Path.of(venvPython))) {
            run(List.of(system, "-m", "venv", VENV.toString()), "create a virtual environment at " + VENV);
        }
        if (!canImport(venvPython, modules)) {
            List<String> install = new ArrayList<>(List.of(venvPython, "-m", "pip", "install", "--quiet"));
            install.addAll(configuredIndexes(system));
            install.addAll(pipPackages);
            run(install, "install " + pipPackages + " with pip");
        }
        if (!canImport(venvPython, modules)) {
            throw new IllegalStateException("Python packages " + pipPackages + " were installed into " + VENV
                    + " but " + modules + " still cannot be imported");
        }
        return venvPython;
    }

    /**
     * The indexes pip is configured with, as --index-url / --extra-index-url: where only local
     * indexes answer, pip then does not wait on the unreachable default index for every package.
     */
    static List<String> configuredIndexes(String python) {
        try {
            Process process = new ProcessBuilder(python, "-m", "pip", "config", "get", "global.extra-index-url")
                    .redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                return List.of();
            }
            List<String> urls = List.of(out.split("\\s+"));
            List<String> options = new ArrayList<>(List.of("--index-url", urls.get(0)));
            for (String url : urls.subList(1, urls.size())) {
                options.add("--extra-index-url");
                options.add(url);
            }
            return options;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    public static String systemPython() {
        String fromEnv = System.getenv("ENDPOINT_STUDIO_TEST_PYTHON");
        return fromEnv == null || fromEnv.isBlank() ? "python3" : fromEnv;
    }

    static boolean canImport(String python, List<String> modules) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command, String what) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Could not " + what + " (" + String.join(" ", command) + "):\n"
                        + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage()
                    + ". The tests need Python 3 on the PATH (or ENDPOINT_STUDIO_TEST_PYTHON).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
