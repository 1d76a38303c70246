package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * code/requirements.txt installed as the framework containers install it at start
 * (sagemaker_inference/model_server.py:201-212: {@code pip install -r requirements.txt}), into a
 * virtual environment on the chosen interpreter that still sees its packages
 * ({@code --system-site-packages}). pip runs with the user's own configuration, so a private index
 * or a local wheel folder works. Environments are kept by the hash of the file and the
 * interpreter, so a second endpoint (or a restart) with the same requirements starts at once.
 */
public final class RequirementsEnvironment {

    private static final String READY = ".installed";
    private static final int KEPT_LINES = 25;
    /** How long a question to the interpreter (its paths) may take. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final Path root;

    /** @param root the folder the environments live in, one subfolder per hash */
    public RequirementsEnvironment(Path root) {
        this.root = root;
    }

    /** Thrown when pip fails; the message is pip's own last lines. */
    public static final class InstallFailed extends StudioException {
        public InstallFailed(String message) {
            super(message);
        }
    }

    /** The interpreter to serve the model folder with: the base one, or an environment with its requirements. */
    public PythonInterpreter prepare(PythonInterpreter base, Path modelDir, Consumer<String> log) {
        return install(base, modelDir.resolve("code").resolve("requirements.txt"), "code/requirements.txt",
                "as the container would at start", log);
    }

    /**
     * The interpreter with a requirements file installed: the base one when there is no file.
     *
     * @param label how the user knows the file (code/requirements.txt, the container folder's requirements.txt)
     * @param when  when the container installs it, for pip's failure message
     */
    public PythonInterpreter install(PythonInterpreter base, Path requirements, String label, String when,
                                     Consumer<String> log) {
        if (requirements == null || !Files.isRegularFile(requirements)) {
            return base;
        }
        try {
            Path venv = root.resolve(hash(Files.readAllBytes(requirements), base));
            PythonInterpreter python = new PythonInterpreter(executable(venv).toString(), base.version());
            if (Files.exists(venv.resolve(READY))) {
                log.accept("[studio] " + label + ": using the environment installed before (" + venv + ")");
                return python;
            }
            FileTrees.delete(venv);
            log.accept("[studio] " + label + ": creating " + venv + " and installing with pip");
            run(List.of(base.command(), "-m", "venv", "--system-site-packages", venv.toString()),
                    requirements.getParent(), log, "Creating a virtual environment for " + label + " failed");
            seeBasePackages(base, python);
            run(List.of(python.command(), "-m", "pip", "install", "--disable-pip-version-check", "-r",
                    requirements.toString()), requirements.getParent(), log,
                    "pip could not install " + label + " (" + when + ")");
            Files.writeString(venv.resolve(READY), requirements.toString());
            return python;
        } catch (IOException e) {
            throw new StudioException("Could not prepare the environment for " + label + ": " + e.getMessage(), e);
        }
    }

    /**
     * --system-site-packages shows the base installation's packages, not those of a virtual or
     * conda environment the user chose; a .pth file adds the chosen interpreter's own, after the
     * new environment's (so what requirements.txt installs wins).
     */
    private static void seeBasePackages(PythonInterpreter base, PythonInterpreter venv) throws IOException {
        String basePaths = output(base, "import sys; print('\\n'.join(p for p in sys.path if p.endswith(('site-packages', "
                + "'dist-packages'))))");
        Path purelib = Path.of(output(venv, "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip());
        Files.writeString(purelib.resolve("endpoint-studio-base.pth"), basePaths);
    }

    private static String output(PythonInterpreter python, String code) throws IOException {
        ToolCommand.Result answer = ToolCommand.answer(List.of(python.command(), "-c", code), ANSWER_WAIT)
                .orElseThrow(() -> new IOException(python.command() + " did not answer within "
                        + ANSWER_WAIT.toSeconds() + " s"));
        if (!answer.succeeded()) {
            throw new IOException(python.command() + " failed: " + answer.output());
        }
        return answer.output();
    }

    private static Path executable(Path venv) {
        Path windows = venv.resolve("Scripts").resolve("python.exe");
        return Files.exists(windows) ? windows : venv.resolve("bin").resolve("python");
    }

    private static String hash(byte[] requirements, PythonInterpreter base) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(requirements);
            digest.update((base.command() + "\n" + base.version()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Path directory, Consumer<String> log, String failure) throws IOException {
        // a cancel (the deploy's, say) stops pip
        ToolCommand.Result result = ToolCommand.streamed(new ProcessBuilder(command).directory(directory.toFile()),
                null, log, KEPT_LINES);
        if (!result.succeeded()) {
            throw new InstallFailed(failure + ":\n" + String.join("\n", errorLines(result.lines())));
        }
    }

    /** pip's ERROR lines when it printed some, else its last lines. */
    private static List<String> errorLines(List<String> last) {
        List<String> errors = last.stream().filter(line -> line.startsWith("ERROR")).toList();
        return errors.isEmpty() ? List.copyOf(last) : errors;
    }
}
