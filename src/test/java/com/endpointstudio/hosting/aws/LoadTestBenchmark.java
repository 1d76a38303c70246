package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's load tester side by side with wrk, at the same concurrency, against one local
 * HTTP server that answers the runtime path after a fixed delay. Goal: throughput at least 0.8×
 * wrk's, p50 and p99 within 10 % of wrk's.
 *
 * <p>Run: {@code ./mvnw test -Dtest=LoadTestBenchmark [-Dbenchmark.concurrency=8]
 * [-Dbenchmark.seconds=10] [-Dbenchmark.delayMs=5]}; needs {@code wrk} (Debian package) on the PATH.
 */
class LoadTestBenchmark {

    private static final String BODY = "[[3, 80, 12]]";

    @TempDir
    Path dir;

    @Test
    void studioLoadTesterAgainstWrk() throws Exception {
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        int seconds = Integer.getInteger("benchmark.seconds", 10);
        int delayMs = Integer.getInteger("benchmark.delayMs", 5);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/endpoints/bench/invocations", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                sleep(delayMs);
                byte[] answer = "{\"predictions\": [235.9]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(Math.max(64, concurrency * 2)));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (AwsSession session = AwsSession.forLocalRuntime(URI.create(url))) {
            AwsEndpointRuntime runtime = new AwsEndpointRuntime(session);
            InvocationRequest request = InvocationRequest.of("bench", "application/json",
                    BODY.getBytes(StandardCharsets.UTF_8));
            LoadTester tester = new LoadTester();
            tester.run("bench", new LoadTestPlan(concurrency, null, Duration.ofSeconds(2), null),
                    () -> runtime.invoke(request), s -> { }, CancelToken.none()); // warm-up
            Wrk warmWrk = wrk(url, concurrency, 2);
            LoadTestReport studio = tester.run("bench", new LoadTestPlan(concurrency, null, Duration.ofSeconds(seconds),
                    null), () -> runtime.invoke(request), s -> { }, CancelToken.none());
            Wrk wrk = wrk(url, concurrency, seconds);

            System.out.printf(Locale.ROOT, "%nLoad tester vs wrk: %d connections, %d s each, server delay %d ms "
                    + "(wrk warm-up %.0f req/s)%n", concurrency, seconds, delayMs, warmWrk.throughput);
            System.out.printf(Locale.ROOT, "%-8s %12s %10s %10s %10s%n", "tool", "requests/s", "p50 ms", "p90 ms",
                    "p99 ms");
            System.out.printf(Locale.ROOT, "%-8s %12.1f %10.3f %10.3f %10.3f%n", "studio", studio.throughput(),
                    studio.latency().p50Ms(), studio.latency().p90Ms(), studio.latency().p99Ms());
            System.out.printf(Locale.ROOT, "%-8s %12.1f %10.3f %10.3f %10.3f%n", "wrk", wrk.throughput, wrk.p50,
                    wrk.p90, wrk.p99);
            System.out.printf(Locale.ROOT, "ratios   throughput %.2fx (goal >= 0.80)   p50 %+.1f %%   p99 %+.1f %% "
                            + "(goal within 10 %%); studio errors %d%n", studio.throughput() / wrk.throughput,
                    100 * (studio.latency().p50Ms() / wrk.p50 - 1), 100 * (studio.latency().p99Ms() / wrk.p99 - 1),
                    studio.failed());
        } finally {
            server.stop(0);
        }
    }

    private record Wrk(double throughput, double p50, double p90, double p99) {
    }

    private Wrk wrk(String url, int connections, int seconds) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("post.lua"), "wrk.method = \"POST\"\n"
                + "wrk.body = \"" + BODY + "\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        int threads = Math.min(connections, Runtime.getRuntime().availableProcessors());
        Process process = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url + "/endpoints/bench/invocations"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(output);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        return new Wrk(Double.parseDouble(rps.group(1)), percentile(output, "50"), percentile(output, "90"),
                percentile(output, "99"));
    }

    private static double percentile(String output, String which) {
        Matcher match = Pattern.compile("\\s" + which + "%\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!match.find()) {
            throw new IllegalStateException("no " + which + "% in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(match.group(1));
        return switch (match.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
