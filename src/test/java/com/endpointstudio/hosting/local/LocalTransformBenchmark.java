package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.testing.TestPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records per second of a local batch transform of a CSV file with a small scikit-learn model (logistic
 * regression, 4 features) through the scikit-learn container's personality — SplitType Line, MultiRecord,
 * 6 MB mini-batches, AssembleWith Line — against the same model's {@code predict} called directly in Python
 * on the same file ({@code np.loadtxt}, {@code predict}, {@code np.savetxt}). The job runs twice: with
 * handlers that parse and write CSV as the direct script does (what the transform itself adds: splitting,
 * requests, workers, assembling), and with the container's default decoder and encoder. Both sides are
 * timed without their one-time start (interpreter, imports, loading the model; for the job, its model
 * server's start), which is printed apart. The goal: the job at least 0.5 × the direct rate. Not part of the test run:
 * {@code ./mvnw -B test -Dtest=LocalTransformBenchmark} ({@code -Dbenchmark.records=N}, default 1,000,000;
 * {@code -Dbenchmark.concurrent=N}, default 2). A job of 20,000 lines warms the agent up first.
 */
class LocalTransformBenchmark {

    private static final String PREPARE = """
            import sys, joblib, numpy as np
            from sklearn.linear_model import LogisticRegression
            out, n = sys.argv[1], int(sys.argv[2])
            rng = np.random.default_rng(11)
            X = rng.normal(size=(1000, 4))
            joblib.dump(LogisticRegression().fit(X, (X[:, 0] - X[:, 2] > 0).astype(int)), out + "/model/model.joblib")
            np.savetxt(out + "/input.csv", rng.normal(size=(n, 4)), delimiter=",", fmt="%.6f")
            """;
    private static final String DIRECT = """
            import sys, time, joblib, numpy as np
            out = sys.argv[1]
            model = joblib.load(out + "/model/model.joblib")
            started = time.perf_counter()
            rows = np.loadtxt(out + "/input.csv", delimiter=",", dtype=np.float32)
            predictions = model.predict(rows)
            np.savetxt(out + "/direct.out", predictions, fmt="%s")
            print("%.6f %d" % (time.perf_counter() - started, len(predictions)))
            """;
    /** The scikit-learn container's own CSV decoder and encoder (csv module, then NumPy): model_fn alone. */
    private static final String DEFAULT_HANDLERS = """
            import os
            import joblib

            def model_fn(model_dir):
                return joblib.load(os.path.join(model_dir, "model.joblib"))
            """;
    /** Handlers that read and write CSV as the direct script does. */
    private static final String LOADTXT_HANDLERS = DEFAULT_HANDLERS + """

            import io
            import numpy as np

            def input_fn(body, content_type):
                return np.loadtxt(io.StringIO(body), delimiter=",", dtype=np.float32, ndmin=2)

            def output_fn(predictions, accept):
                out = io.StringIO()
                np.savetxt(out, predictions, fmt="%s")
                return out.getvalue(), accept
            """;

    @TempDir
    Path dir;

    @Test
    void aLocalJobScoresAtLeastHalfAsFastAsCallingPredictDirectly() throws Exception {
        int records = Integer.getInteger("benchmark.records", 1_000_000);
        int concurrent = Integer.getInteger("benchmark.concurrent", 2);
        String python = TestPython.withModules(List.of("sklearn", "joblib"), List.of("scikit-learn"));
        Files.createDirectories(dir.resolve("model/code"));
        python(python, PREPARE, dir.toString(), Integer.toString(records));

        long directStart = System.nanoTime();
        String[] direct = python(python, DIRECT, dir.toString()).strip().split(" ");
        double directProcess = (System.nanoTime() - directStart) / 1e9;
        double directSeconds = Double.parseDouble(direct[0]);

        // a warm-up job of 20,000 lines, not measured: the agent's code compiled, the page cache filled
        Files.write(dir.resolve("warm-up.csv"), Files.readAllLines(dir.resolve("input.csv")).subList(0,
                Math.min(records, 20_000)));
        Files.writeString(dir.resolve("model/code/inference.py"), LOADTXT_HANDLERS);
        transform(python, "warm-up", concurrent, "warm-up.csv");
        double directRate = records / directSeconds;
        System.out.printf(Locale.ROOT, "%,d CSV records (4 features), logistic regression, %d cores, "
                + "MaxConcurrentTransforms %d, MultiRecord, 6 MB mini-batches%n", records,
                Runtime.getRuntime().availableProcessors(), concurrent);
        System.out.printf(Locale.ROOT, "predict directly       : %7.3f s %,11.0f records/s  (python process %.2f s with "
                + "imports and model load)%n", directSeconds, directRate, directProcess);
        for (String handlers : List.of("loadtxt", "default")) {
            Files.writeString(dir.resolve("model/code/inference.py"), handlers.equals("default") ? DEFAULT_HANDLERS
                    : LOADTXT_HANDLERS);
            double[] job = transform(python, handlers, concurrent, "input.csv");
            double rate = records / job[0];
            System.out.printf(Locale.ROOT, "transform, %-12s: %7.3f s %,11.0f records/s  %.2f x direct%s  (job %.2f s "
                    + "with the model server's start)%n", handlers.equals("default") ? "container's" : "same parse",
                    job[0], rate, rate / directRate, handlers.equals("default") ? "" : " (goal >= 0.50 x)", job[1]);
        }
    }

    /** Runs one job; returns the seconds of its transform (after the model server's start) and of all of it. */
    private double[] transform(String python, String name, int concurrent, String file) throws Exception {
        try (LocalHost host = new LocalHost(dir.resolve("local-" + name), () -> PythonInterpreter.detect(python),
                Duration.ofMinutes(2), Duration.ofSeconds(60))) {
            LocalHosting local = new LocalHosting(host, dir.resolve("local-" + name));
            LocalTransforms transforms = new LocalTransforms(local);
            ModelSpec model = new ModelSpec("bench-model", null, List.of(new ContainerSpec(null, new FrameworkRef(
                    "sklearn", "1.2-1", "py3"), new ModelDataSpec(dir.resolve("model").toString(), null, null, false),
                    Map.of("SAGEMAKER_PROGRAM", "inference.py"), null, null)), null, null, false);
            Path output = dir.resolve("out-" + name);
            TransformJobSpec job = new TransformJobSpec("bench", "bench-model", new InputSpec(
                    dir.resolve(file).toString(), null, "text/csv", null, "Line"), TransformJobSpec.MULTI_RECORD,
                    6, concurrent, new OutputSpec(output.toString(), "text/csv", "Line", null), null,
                    new ResourcesSpec("ml.m5.large", 1, null), Map.of(), null, Map.of());
            Instant created = Instant.now();
            TransformRun run = new TransformRunner(local.hosting().with(transforms), Duration.ofMillis(50)).run(job,
                    model, true, event -> { }, CancelToken.none());
            transforms.close();
            if (!run.succeeded()) {
                throw new IllegalStateException(run.failure());
            }
            if (file.equals("input.csv") && !Files.readAllLines(output.resolve("input.csv.out"))
                    .equals(Files.readAllLines(dir.resolve("direct.out")))) {
                throw new IllegalStateException("the job's predictions differ from predict's");
            }
            Instant end = run.description().endedAt();
            Instant agentStart = agentStart(transforms.logs("bench", null).lines());
            return new double[] {Duration.between(agentStart, end).toNanos() / 1e9,
                Duration.between(created, end).toNanos() / 1e9};
        }
    }

    /** When the transform began: the time of its first data-log line ("MaxConcurrentTransforms=…"). */
    private static Instant agentStart(List<String> log) {
        String line = log.stream().filter(l -> l.contains(":[sagemaker logs]: MaxConcurrentTransforms=")).findFirst()
                .orElseThrow();
        return LocalDateTime.parse(line.substring(0, line.indexOf(":[sagemaker logs]"))).toInstant(ZoneOffset.UTC);
    }

    private String python(String python, String script, String... args) throws Exception {
        Path file = Files.writeString(dir.resolve("script-" + Integer.toHexString(script.hashCode()) + ".py"), script);
        List<String> command = new java.util.ArrayList<>(List.of(python, file.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(output);
        }
        return output;
    }
}
