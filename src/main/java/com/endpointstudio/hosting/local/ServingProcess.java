package com.endpointstudio.hosting.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One local endpoint's model server: a Python process running the serving adapter on a model
 * folder. Its output is the endpoint's log (kept on disk and in a bounded buffer). It is
 * Creating until the adapter reports the model loaded and /ping answers, then InService; or
 * Failed with a reason the user can act on.
 */
public final class ServingProcess implements AutoCloseable {

    public enum Status { CREATING, IN_SERVICE, FAILED, STOPPED }

    /**
     * How to serve: the model folder playing /opt/ml/model, the container it behaves as, the
     * Model's environment (as SageMaker passes it to the container), limits.
     */
    public record Options(Path modelDir, ServingPersonality personality, Map<String, String> environment, int port,
                          Duration startTimeout, Duration requestTimeout, long maxPayloadBytes,
                          List<String> adapterArguments) {
        public Options {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            adapterArguments = adapterArguments == null ? List.of() : List.copyOf(adapterArguments);
        }

        public Options(Path modelDir, ServingPersonality personality, Map<String, String> environment, int port,
                       Duration startTimeout, Duration requestTimeout, long maxPayloadBytes) {
            this(modelDir, personality, environment, port, startTimeout, requestTimeout, maxPayloadBytes, List.of());
        }
    }

    private static final int KEPT_LINES = 2000;
    private static final String READY = "STUDIO READY ";
    private static final String FAILED = "STUDIO FAILED ";

    private final Process process;
    private final Options options;
    private final Writer logFile;
    private final Consumer<String> onLog;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile Status status = Status.CREATING;
    private volatile String failureReason;

    /** How a container is stopped (null for the Python adapter, which stops when its stdin closes). */
    private final List<String> stopCommand;
    /** A container folder's serve stops on SIGTERM, as `docker stop` sends it, and stops its gunicorn and nginx. */
    private boolean terminate;
    /** What to tell when /ping never answered at all (null: nothing more than the timeout). */
    private String silentHint;
    /** The last answer of GET /ping that was not 200, e.g. "404 The model can't be loaded: …". */
    private volatile String lastPing;
    /** Turns the log of a container that failed into an actionable sentence (null: none). */
    private final java.util.function.Function<List<String>, String> hint;

    private ServingProcess(Process process, Options options, Writer logFile, Consumer<String> onLog,
                           List<String> stopCommand, java.util.function.Function<List<String>, String> hint) {
        this.process = process;
        this.options = options;
        this.logFile = logFile;
        this.onLog = onLog;
        this.stopCommand = stopCommand;
        this.hint = hint;
    }

    /** Starts the process; call {@link #awaitReady()} to wait for InService or Failed. */
    public static ServingProcess start(PythonInterpreter python, Path adapter, Options options, Path log,
                                       Consumer<String> onLog) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.command(), "-u", adapter.toString(),
                "--model-dir", options.modelDir().toString(), "--port", Integer.toString(options.port()),
                "--personality", options.personality().name(),
                "--max-payload-bytes", Long.toString(options.maxPayloadBytes())));
        command.addAll(options.adapterArguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(options.modelDir().toFile());
        containerEnvironment(builder.environment(), options);
        ServingProcess serving = new ServingProcess(builder.start(), options, openLog(log), onLog, null, null);
        serving.daemon(serving::readOutput, "local-endpoint-log-");
        return serving;
    }

    /**
     * The process sees the Model's environment as the container would: the studio's own SAGEMAKER_*
     * variables are dropped, the Model's are set; the rest (PATH, pip's configuration) stays.
     */
    static void containerEnvironment(Map<String, String> environment, Options options) {
        environment.keySet().removeIf(key -> key.startsWith("SAGEMAKER_") || key.startsWith("HF_"));
        environment.putAll(options.environment());
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("SAGEMAKER_MODEL_DIR", options.modelDir().toString());
        if (options.personality().version() != null) {
            environment.put("STUDIO_FRAMEWORK_VERSION", options.personality().version());
        }
    }

    /**
     * Starts the endpoint's image under Docker. There is no READY line to wait for: the endpoint is
     * InService when GET /ping on the published port answers 200, as SageMaker's health check asks.
     */
    public static ServingProcess startContainer(String containerName, DockerServing.Container container, Options options,
                                                Path log, Consumer<String> onLog) throws IOException {
        removeStale(containerName);
        ProcessBuilder builder = new ProcessBuilder(DockerServing.runCommand(containerName, container, options.modelDir(),
                options.port())).redirectErrorStream(true);
        ServingProcess serving = new ServingProcess(builder.start(), options, openLog(log), onLog,
                DockerServing.stopCommand(containerName), lines -> DockerServing.failureHint(container.image(), lines));
        serving.record("[studio] docker run " + container.image() + " serve, model at /opt/ml/model, port 127.0.0.1:"
                + options.port());
        serving.daemon(serving::readOutput, "local-endpoint-log-");
        serving.daemon(serving::pingUntilHealthy, "local-endpoint-ping-");
        return serving;
    }

    /**
     * Runs a bring-your-own-container folder's {@code serve} with the chosen interpreter, as SageMaker
     * runs {@code docker run IMAGE serve}: the program folder is the working folder and first on the
     * PATH (the Dockerfile's {@code ENV PATH="/opt/program:${PATH}"}), the port is given in
     * SAGEMAKER_BIND_TO_PORT, the model folder in SM_MODEL_DIR (predictor.py's default is
     * /opt/ml/model). There is no READY line: the endpoint is InService when GET /ping answers 200,
     * SageMaker's health check (scikit_bring_your_own/container/decision_trees/predictor.py in
     * awslabs/amazon-sagemaker-examples answers /ping 200 once the model loads).
     */
    public static ServingProcess startFolder(PythonInterpreter python, Path program, Options options, Path log,
                                             Consumer<String> onLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(python.command(), "-u", program.resolve("serve").toString())
                .redirectErrorStream(true).directory(program.toFile());
        containerEnvironment(builder.environment(), options);
        String pathKey = builder.environment().keySet().stream().filter(key -> key.equalsIgnoreCase("PATH"))
                .findFirst().orElse("PATH");
        String path = builder.environment().get(pathKey);
        builder.environment().put(pathKey, program + (path == null ? "" : java.io.File.pathSeparator + path));
        ServingProcess serving = new ServingProcess(builder.start(), options, openLog(log), onLog, null,
                lines -> ContainerFolderFailures.reason(python, lines));
        serving.terminate = true;
        serving.silentHint = "Nothing answered on port " + options.port() + ": the container's serve must listen on the "
                + "port SAGEMAKER_BIND_TO_PORT gives (as SageMaker asks of a container in a multi-container endpoint), "
                + "not only on 8080.";
        serving.process.getOutputStream().close();
        serving.record("[studio] " + python.command() + " " + program.resolve("serve") + " (the container's serve), "
                + "model at " + options.modelDir() + " (SM_MODEL_DIR), port 127.0.0.1:" + options.port()
                + " (SAGEMAKER_BIND_TO_PORT)");
        serving.daemon(serving::readOutput, "local-endpoint-log-");
        serving.daemon(serving::pingUntilHealthy, "local-endpoint-ping-");
        return serving;
    }

    private static void removeStale(String endpointName) {
        try {
            ToolCommand.quietly(DockerServing.removeCommand(endpointName), Duration.ofSeconds(30));
        } catch (IOException e) {
            // docker itself is missing: the run command reports it
        }
    }

    private static Writer openLog(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name + options.port());
        thread.setDaemon(true);
        thread.start();
    }

    private void pingUntilHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.port() + "/ping"))
                .timeout(Duration.ofSeconds(5)).build();
        while (status == Status.CREATING && process.isAlive()) {
            try {
                HttpResponse<String> answer = client.send(ping, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    status = Status.IN_SERVICE;
                    settled.countDown();
                    return;
                }
                String body = answer.body() == null ? "" : answer.body().strip();
                lastPing = answer.statusCode() + (body.isEmpty() ? "" : " " + body.substring(0, Math.min(300,
                        body.length())));
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Blocks until the endpoint is InService or Failed (a start that times out is stopped and Failed). */
    public Status awaitReady() throws InterruptedException {
        if (!settled.await(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            String answered = lastPing != null ? " Its last answer was " + lastPing + "."
                    : silentHint != null ? " " + silentHint : "";
            fail("The model server did not become healthy (GET /ping) within " + options.startTimeout().toSeconds()
                    + " s; loading the model takes too long or it hangs. The log shows how far it got." + answered);
            stopContainer();
            kill();
        }
        return status;
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(READY)) {
                    checkPing(Integer.parseInt(line.substring(READY.length()).strip()));
                } else if (line.startsWith(FAILED)) {
                    fail(failure(line.substring(FAILED.length()).strip()));
                } else {
                    record(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            record("[studio] log reading stopped: " + e.getMessage());
        }
        int code = waitForExit();
        String known = hint == null ? null : hint.apply(tail(50));
        if (status == Status.CREATING && known != null) {
            fail(known);
        } else if (status == Status.CREATING) {
            fail("The model server exited with code " + code + " before it was ready. Last lines of its log:\n"
                    + String.join("\n", tail(15)));
        } else if (status == Status.IN_SERVICE) {
            fail("The model server stopped unexpectedly (exit code " + code + "). Last lines of its log:\n"
                    + String.join("\n", tail(15)));
        }
        closeLog();
    }

    private void checkPing(int port) {
        try {
            HttpResponse<Void> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (ping.statusCode() == 200) {
                status = Status.IN_SERVICE;
                settled.countDown();
                return;
            }
            fail("GET /ping answered " + ping.statusCode() + " instead of 200.");
        } catch (IOException e) {
            fail("GET /ping on port " + port + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "message | why" from the adapter: the container's own message, then the sentence that explains it. */
    private String failure(String line) {
        int bar = line.indexOf(" | ");
        String message = bar < 0 ? line : line.substring(0, bar);
        String why = bar < 0 ? null : line.substring(bar + 3).strip();
        String reason = options.personality().generic() ? sentence(message)
                : "The " + options.personality().container() + " would not start: " + sentence(message);
        return why == null || why.isEmpty() ? reason : reason + " " + sentence(why);
    }

    private static String sentence(String reason) {
        String text = Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    private synchronized void record(String line) {
        lines.addLast(line);
        if (lines.size() > KEPT_LINES) {
            lines.removeFirst();
        }
        try {
            logFile.write(line);
            logFile.write('\n');
            logFile.flush();
        } catch (IOException ignored) {
            // the in-memory log still has the line
        }
        onLog.accept(line);
    }

    private void fail(String reason) {
        if (status == Status.STOPPED || status == Status.FAILED) {
            return;
        }
        failureReason = reason;
        status = Status.FAILED;
        record("[studio] Failed: " + reason);
        settled.countDown();
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private synchronized void closeLog() {
        try {
            logFile.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }

    /** The newest log lines, oldest first. */
    public synchronized List<String> tail(int count) {
        List<String> all = new ArrayList<>(lines);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    public Status status() {
        return status;
    }

    public String failureReason() {
        return failureReason;
    }

    public int port() {
        return options.port();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void stopContainer() {
        if (stopCommand == null || !process.isAlive()) {
            return;
        }
        try {
            if (!ToolCommand.quietly(stopCommand, Duration.ofSeconds(20))) {
                record("[studio] docker stop did not answer within 20 s");
            }
        } catch (IOException e) {
            record("[studio] docker stop failed: " + e.getMessage());
        }
    }

    /** Stops the server: closing its stdin ends the adapter, docker stop a container; a process that lingers is killed. */
    @Override
    public void close() {
        if (status != Status.FAILED) {
            status = Status.STOPPED;
        }
        stopContainer();
        List<ProcessHandle> started = process.descendants().toList();
        if (terminate) {
            process.destroy();
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(terminate ? 10 : 3, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(3, TimeUnit.SECONDS);
            }
            // serve returns on SIGTERM while gunicorn still stops its workers: give them as long, then end them
            for (ProcessHandle child : started) {
                try {
                    child.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Kills the process and what it started (a container folder's gunicorn and nginx), so no port stays taken. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
