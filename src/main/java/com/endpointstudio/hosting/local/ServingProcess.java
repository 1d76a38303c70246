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

    /** How to serve: the model folder playing /opt/ml/model, the framework's defaults, limits. */
    public record Options(Path modelDir, String framework, int port, Duration startTimeout, Duration requestTimeout,
                          long maxPayloadBytes) {
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

    private ServingProcess(Process process, Options options, Writer logFile, Consumer<String> onLog) {
        this.process = process;
        this.options = options;
        this.logFile = logFile;
        this.onLog = onLog;
    }

    /** Starts the process; call {@link #awaitReady()} to wait for InService or Failed. */
    public static ServingProcess start(PythonInterpreter python, Path adapter, Options options, Path log,
                                       Consumer<String> onLog) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.command(), "-u", adapter.toString(),
                "--model-dir", options.modelDir().toString(), "--port", Integer.toString(options.port()),
                "--framework", options.framework(), "--timeout", Double.toString(options.requestTimeout().toMillis() / 1000.0),
                "--max-payload-bytes", Long.toString(options.maxPayloadBytes())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().put("SAGEMAKER_MODEL_DIR", options.modelDir().toString());
        Files.createDirectories(log.getParent());
        Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ServingProcess serving = new ServingProcess(builder.start(), options, writer, onLog);
        Thread reader = new Thread(serving::readOutput, "local-endpoint-log-" + options.port());
        reader.setDaemon(true);
        reader.start();
        return serving;
    }

    /** Blocks until the endpoint is InService or Failed (a start that times out is stopped and Failed). */
    public Status awaitReady() throws InterruptedException {
        if (!settled.await(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            fail("The model server did not become healthy (GET /ping) within " + options.startTimeout().toSeconds()
                    + " s; loading the model takes too long or it hangs. The log shows how far it got.");
            process.destroyForcibly();
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
                    fail(sentence(line.substring(FAILED.length()).strip()));
                } else {
                    record(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            record("[studio] log reading stopped: " + e.getMessage());
        }
        int code = waitForExit();
        if (status == Status.CREATING) {
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

    /** Stops the server: closing its stdin ends the adapter; a process that lingers is killed. */
    @Override
    public void close() {
        if (status != Status.FAILED) {
            status = Status.STOPPED;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
