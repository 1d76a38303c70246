package com.endpointstudio.hosting.local;

import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.packaging.SampleModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request overhead of a local endpoint over the model's own handler time, for a small JSON
 * request through the runtime path (as boto3 calls it): end-to-end latency minus the time the
 * adapter spent in input_fn / predict_fn / output_fn. Goal: p50 ≤ 2 ms, p99 ≤ 10 ms.
 *
 * <p>Run: {@code ./mvnw test -Dtest=LocalOverheadBenchmark [-Dbenchmark.requests=2000]}.
 */
class LocalOverheadBenchmark {

    @TempDir
    Path dir;

    @Test
    void overheadOfALocalEndpoint() throws Exception {
        int requests = Integer.getInteger("benchmark.requests", 2000);
        try (LocalHost host = new LocalHost(dir.resolve("local"), () -> PythonInterpreter.detect(null),
                Duration.ofSeconds(30), Duration.ofSeconds(10))) {
            Path artifact = dir.resolve("sample.tar.gz");
            new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), artifact, Compression.FAST, false,
                    ProgressListener.NONE, CancelToken.none());
            host.create("bench", artifact, "custom", line -> { });
            try (LocalRuntimeServer server = new LocalRuntimeServer(host, new LocalMetrics(), 0)) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/endpoints/bench/invocations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[[3, 80, 12]]")).build();
                Histogram total = new Histogram(60_000_000L, 3);
                Histogram model = new Histogram(60_000_000L, 3);
                Histogram overhead = new Histogram(60_000_000L, 3);
                for (int i = 0; i < requests + 200; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long micros = (System.nanoTime() - start) / 1000;
                    long modelMicros = response.headers().firstValueAsLong("X-Local-Model-Latency-Micros").orElseThrow();
                    if (i >= 200) { // the first 200 warm up the JIT and the connection
                        total.recordValue(micros);
                        model.recordValue(modelMicros);
                        overhead.recordValue(Math.max(0, micros - modelMicros));
                    }
                }
                System.out.printf(Locale.ROOT, "%nLocal endpoint overhead, %d small JSON requests through the runtime path%n",
                        requests);
                print("end to end", total);
                print("model handlers", model);
                print("overhead", overhead);
                System.out.printf(Locale.ROOT, "  goal: overhead p50 <= 2 ms (%s), p99 <= 10 ms (%s)%n%n",
                        overhead.getValueAtPercentile(50) <= 2000 ? "met" : "NOT met",
                        overhead.getValueAtPercentile(99) <= 10_000 ? "met" : "NOT met");
            }
        }
    }

    private static void print(String label, Histogram histogram) {
        System.out.printf(Locale.ROOT, "  %-15s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", label,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }
}
