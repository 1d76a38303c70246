package com.endpointstudio.hosting.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of a CPU-bound model (a pure-Python loop of about 20 ms a request) served by one and
 * by two worker processes (SAGEMAKER_MODEL_SERVER_WORKERS), called by 4 concurrent clients through
 * the local runtime API. Prints requests per second for each and the ratio; the goal on a 2-core
 * machine is 2 workers ≥ 1.6 × one. Not part of the test run:
 * {@code ./mvnw -B test -Dtest=LocalWorkersBenchmark}.
 */
class LocalWorkersBenchmark {

    private static final String SCRIPT = """
            import json

            def model_fn(model_dir):
                return 250000

            def input_fn(body, content_type):
                return json.loads(body)

            def predict_fn(data, model):
                total = 0
                for i in range(model):
                    total += i * i % 7
                return [total + len(data)]

            def output_fn(prediction, accept):
                return json.dumps(prediction), "application/json"
            """;
    private static final int CLIENTS = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void twoWorkersServeACpuBoundModelFasterThanOne() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/code"));
        Files.writeString(model.resolve("inference.py"), SCRIPT);
        double one = throughput(1, model.getParent());
        double two = throughput(2, model.getParent());
        System.out.printf(Locale.ROOT, "CPU-bound model, %d clients, %d s measured after %d s warm-up (%d cores)%n",
                CLIENTS, MEASURED.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "1 worker : %7.1f requests/s%n", one);
        System.out.printf(Locale.ROOT, "2 workers: %7.1f requests/s%n", two);
        System.out.printf(Locale.ROOT, "ratio    : %7.2f x (goal >= 1.60 x)%n", two / one);
    }

    private double throughput(int workers, Path model) throws Exception {
        try (LocalHost host = new LocalHost(dir.resolve("local-" + workers), () -> PythonInterpreter.detect(null),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
             LocalRuntimeServer server = new LocalRuntimeServer(host, new LocalMetrics(), 0)) {
            LocalEndpointStatus status = host.create("cpu", model, "custom", null,
                    Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", Integer.toString(workers)), null, line -> { });
            if (!status.status().equals("InService")) {
                throw new IllegalStateException(status.failureReason());
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/cpu/invocations"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[1, 2, 3]"))
                    .build();
            long warmEnd = System.nanoTime() + WARM_UP.toNanos();
            long end = warmEnd + MEASURED.toNanos();
            AtomicLong counted = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(response.body());
                            }
                            long now = System.nanoTime();
                            if (now >= warmEnd && now < end) {
                                counted.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return counted.get() / (MEASURED.toNanos() / 1e9);
        }
    }
}
