package com.endpointstudio.cli;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.loadtest.LoadGenerator;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.core.loadtest.LoadTestStream;
import com.endpointstudio.core.task.CancelToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The window's load tests, run by {@code loadtest --format jsonl} in a load generator's JVM
 * ({@link LoadGeneratorJvm#OPTIONS}) rather than in the window's own, whose collector paused the calls
 * in flight: against a 5 ms endpoint the p99 measured inside was higher in each of five runs
 * (LoadTestBenchmark's console and in-window rows).
 * The seconds and the report come back as JSON lines; "stop" on its standard input ends a test
 * early, and a window that goes away closes that input, which stops the test too.
 */
public final class LoadGeneratorProcess implements LoadGenerator {

    /** System properties the load generator's JVM gets beside the load generator's options. */
    private final List<String> properties;
    private final Path scratch;
    private final Map<String, String> environment;
    private final Runnable localRuntime;

    private LoadGeneratorProcess(List<String> properties, Path scratch, Map<String, String> environment,
                                 Runnable localRuntime) {
        this.properties = properties;
        this.scratch = scratch;
        this.environment = environment;
        this.localRuntime = localRuntime;
    }

    /**
     * The load generator of this runtime: its own java launcher, started when a test runs.
     *
     * @param scratch      where request bodies are handed over
     * @param environment  added to the load generator's (credentials and folders, for tests)
     * @param localRuntime starts this process's runtime server of Local endpoints, if it has not yet: the load
     *                     generator finds it by the address it writes
     */
    public static LoadGenerator of(Path scratch, Map<String, String> environment, Runnable localRuntime) {
        String home = System.getProperty(StudioPaths.HOME_PROPERTY);
        return under(home == null ? null : Path.of(home), scratch, environment, localRuntime);
    }

    /** The same, for the studio folders under {@code home} ({@link StudioPaths#under}); null: the user's. */
    static LoadGenerator under(Path home, Path scratch, Map<String, String> environment, Runnable localRuntime) {
        List<String> properties = home == null ? List.of() : List.of("-D" + StudioPaths.HOME_PROPERTY + "=" + home);
        return new LoadGeneratorProcess(properties, scratch, Map.copyOf(environment), localRuntime);
    }

    @Override
    public LoadTestReport run(Connection target, InvocationRequest request, LoadTestPlan plan,
                              Consumer<LoadTestSnapshot> onSecond, CancelToken stop) {
        Path body = null;
        Process process = null;
        try {
            if (target.isLocal()) {
                localRuntime.run();
            }
            Files.createDirectories(scratch);
            body = Files.createTempFile(scratch, "load-test-body-", ".bin");
            Files.write(body, request.body());
            List<String> command = new ArrayList<>(LoadGeneratorJvm.launcher(System.getProperties(), properties)
                    .orElseThrow(() -> new StudioException("The load generator can't be started: "
                            + System.getProperty("java.home") + " has no bin/java.")));
            command.addAll(arguments(target, request, plan, body));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            LoadTestStream.warmReader(); // before the clock: not in the load generator's first measured second
            process = builder.start();
            CompletableFuture<String> errors = drain(process);
            Process running = process;
            AtomicReference<LoadTestReport> report = new AtomicReference<>();
            try (CancelToken.Registration stopping = stop.onCancel(() -> say(running, "stop"))) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        LoadTestStream.read(line, onSecond, report::set);
                    }
                }
                process.waitFor();
            }
            if (report.get() == null) {
                throw new StudioException("The load test did not run: " + why(errors.join(), process.exitValue()));
            }
            return report.get();
        } catch (IOException e) {
            throw new StudioException("The load generator could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Interrupted while the load test ran.", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
            if (body != null) {
                try {
                    Files.deleteIfExists(body);
                } catch (IOException ignored) {
                    // a temporary file in the studio's own folder
                }
            }
        }
    }

    /** The {@code loadtest} arguments for this target, request and plan. */
    static List<String> arguments(Connection target, InvocationRequest request, LoadTestPlan plan, Path body) {
        List<String> args = new ArrayList<>(List.of("loadtest", request.endpointName(),
                "--concurrency", Integer.toString(plan.concurrency())));
        add(args, "--requests", plan.requests());
        add(args, "--duration", plan.duration());
        add(args, "--rate", plan.ratePerSecond());
        add(args, "--warmup", plan.warmup());
        add(args, "--content-type", request.contentType());
        add(args, "--accept", request.accept());
        args.add("--body=@" + body);
        add(args, "--target-variant", request.targetVariant());
        add(args, "--target-model", request.targetModel());
        add(args, "--target-container-hostname", request.targetContainerHostname());
        add(args, "--inference-id", request.inferenceId());
        add(args, "--custom-attributes", request.customAttributes());
        add(args, "--inference-component", request.inferenceComponent());
        if (target.isLocal()) {
            args.add("--local");
        } else {
            add(args, "--profile", target.profile());
            add(args, "--region", target.region());
            add(args, "--endpoint-url", target.endpointUrl());
        }
        // the window asked about the cost already
        args.addAll(List.of("--yes", "--format", "jsonl", "--stop-on-input"));
        return args;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null && !value.toString().isBlank()) {
            args.add(option + "=" + value); // one argument: a value may start with a dash
        }
    }

    private static void say(Process process, String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException gone) {
            // it has ended already
        }
    }

    /** Its standard error, read beside it so a full pipe never blocks it. */
    private static CompletableFuture<String> drain(Process process) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "load-generator-errors");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** The command's own error line ("error: …"), else the last thing it said, else its exit code. */
    private static String why(String errors, int exit) {
        List<String> lines = errors.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream().filter(l -> l.startsWith("error:")).map(l -> l.substring("error:".length()).strip())
                .findFirst().or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)))
                .orElse("the load generator exited with code " + exit + ".");
    }
}
