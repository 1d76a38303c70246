package com.endpointstudio.hosting.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's load tester side by side with wrk, at the same concurrency, against one local
 * HTTP server (its own process) that answers the runtime path after a fixed delay. Goal: throughput at least 0.8×
 * wrk's, p50 and p99 within 10 % of wrk's.
 *
 * <p>Each tool is measured twice, a few times over, and compared by medians. At the same moments: both call the
 * server at once (each with the concurrency asked for), wrk's run covering the studio's measured seconds, so
 * whatever the machine does meanwhile reaches both alike; the p99 goal is judged here. One after the other, in
 * alternating order: each tool alone on the server (the throughput goal, and the figures as users see them). On a
 * shared two-core machine the moment moves wrk's own p99 by ±20 % from one 10 s run to the next, more than the
 * 10 % being measured: in one morning the studio's p99 was −6 to +30 % of wrk's one after the other, and −10 to
 * +10 % at the same moments (ten passes, four and eight connections each).
 *
 * <p>Run: {@code ./mvnw test -Dtest=LoadTestBenchmark [-Dbenchmark.concurrency=8]
 * [-Dbenchmark.seconds=10] [-Dbenchmark.delayMs=5] [-Dbenchmark.rounds=3]} (passes and rounds); needs
 * {@code wrk} (Debian package) on the PATH. To look inside the studio's JVM,
 * {@code -Dbenchmark.studioJvmOptions="-Xlog:gc:file=/tmp/gc.log"} adds options to its command line only
 * (JAVA_TOOL_OPTIONS would reach every JVM, and JFR's own lines go to standard output).
 * {@code -Dbenchmark.launcher=target/jpackage/endpoint-studio/bin/endpoint-studio} measures an installed studio's
 * command instead (packaging/jpackage/build.sh makes it).
 */
class LoadTestBenchmark {

    private static final String BODY = "[[3, 80, 12]]";
    private static final int STUDIO_WARM_UP_SECONDS = 3;
    /** At the same moments the studio warms up longer, so that wrk can start in its warm-up, not its start-up. */
    private static final int TOGETHER_WARM_UP_SECONDS = 5;
    private static final long WRK_AFTER_MILLIS = 2500;

    @TempDir
    Path dir;

    @Test
    void studioLoadTesterAgainstWrk() throws Exception {
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        int seconds = Integer.getInteger("benchmark.seconds", 10);
        int delayMs = Integer.getInteger("benchmark.delayMs", 5);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FixedDelayServer.class.getName(), Integer.toString(delayMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String port = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        String url = "http://127.0.0.1:" + port.strip();
        try {
            // the server's own JVM keeps getting quicker for tens of seconds: after 12 s of wrk, wrk's next five
            // 10 s runs had a p99 of 11.65, 6.87, 6.34, 6.09 and 6.02 ms, so whichever tool came first was
            // measured against a slower server (in another run, 5 s runs after a 12 s warm-up had 11.26, 8.19, 6.61
            // and 6.66 ms). It is warmed for 30 s, then until two 5 s runs in a row agree on p99 within 5 %.
            List<Double> warmup = warm(url, concurrency);
            List<Together> passes = new java.util.ArrayList<>();
            for (int pass = 0; pass < rounds; pass++) {
                passes.add(together(url, concurrency, seconds));
            }
            List<Figures[]> alone = new java.util.ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                alone.add(round % 2 == 0 ? new Figures[] {studio(url, concurrency, seconds), wrk(url, concurrency,
                        seconds)} : swap(new Figures[] {wrk(url, concurrency, seconds), studio(url, concurrency,
                        seconds)}));
            }
            Figures console = window("own-jvm", url, concurrency, seconds);
            Figures inWindow = window("in-window", url, concurrency, seconds);

            System.out.printf(Locale.ROOT, "%nLoad tester vs wrk: %d connections each, %d s, server delay %d ms "
                    + "(server warmed by wrk for %d s, its p99 in 5 s runs %s ms; the studio's CLI in a fresh JVM)%n",
                    concurrency, seconds, delayMs, WARM_UP_SECONDS + 5 * (warmup.size() - 1),
                    warmup.subList(1, warmup.size()).stream().map(p -> String.format(Locale.ROOT, "%.2f", p))
                            .collect(java.util.stream.Collectors.joining(" / ")));
            System.out.printf(Locale.ROOT, "At the same moments, %d passes (both on the server at once; the studio "
                    + "warms up %d s, wrk's %d s from its warm-up on cover its measured %d s):%n", rounds,
                    TOGETHER_WARM_UP_SECONDS, seconds + 5, seconds);
            for (int pass = 0; pass < rounds; pass++) {
                Together one = passes.get(pass);
                System.out.printf(Locale.ROOT, "pass %d   %s; wrk began %.1f s before the studio's seconds, ended "
                        + "%.1f s after%n", pass + 1, compare(one.studio, one.wrk), one.lead.toMillis() / 1000.0,
                        one.trail.toMillis() / 1000.0);
            }
            List<Figures[]> together = passes.stream().map(one -> new Figures[] {one.studio, one.wrk}).toList();
            Figures studio = median(together, 0);
            Figures wrk = median(together, 1);
            header();
            row("studio", studio, "   medians of the passes");
            row("wrk", wrk, "");
            System.out.printf(Locale.ROOT, "ratios   throughput %.2fx   p50 %+.1f %%   p99 %+.1f %% "
                    + "(goal within 10 %%); studio errors %d%n", studio.throughput / wrk.throughput,
                    change(studio.p50, wrk.p50), change(studio.p99, wrk.p99), studio.failed);

            System.out.printf(Locale.ROOT, "One after the other, each alone on the server, %d rounds (studio first in "
                    + "rounds 1, 3, ..., warm-up %d s):%n", rounds, STUDIO_WARM_UP_SECONDS);
            for (int round = 0; round < rounds; round++) {
                System.out.printf(Locale.ROOT, "round %d  %s%n", round + 1, compare(alone.get(round)[0],
                        alone.get(round)[1]));
            }
            studio = median(alone, 0);
            wrk = median(alone, 1);
            header();
            row("studio", studio, "   medians of the rounds");
            row("wrk", wrk, "");
            row("console", console, "   the console's, from a JVM with the window's options (once, last)");
            row("in-window", inWindow, "   the same run inside that JVM (as the console ran them before)");
            System.out.printf(Locale.ROOT, "ratios   throughput %.2fx (goal >= 0.80)   p50 %+.1f %%   p99 %+.1f %%; "
                            + "studio errors %d%n", studio.throughput / wrk.throughput, change(studio.p50, wrk.p50),
                    change(studio.p99, wrk.p99), studio.failed);
            System.out.printf(Locale.ROOT, "console  throughput %.2fx   p50 %+.1f %%   p99 %+.1f %%; in-window p99 "
                            + "%+.1f %%; errors %d / %d%n", console.throughput / wrk.throughput,
                    change(console.p50, wrk.p50), change(console.p99, wrk.p99), change(inWindow.p99, wrk.p99),
                    console.failed, inWindow.failed);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    private static Figures[] swap(Figures[] pair) {
        return new Figures[] {pair[1], pair[0]};
    }

    private static String compare(Figures studio, Figures wrk) {
        return String.format(Locale.ROOT, "studio p99 %.3f ms, wrk p99 %.3f ms (%+.1f %%); p50 %+.1f %%; throughput "
                + "%.2fx", studio.p99, wrk.p99, change(studio.p99, wrk.p99), change(studio.p50, wrk.p50),
                studio.throughput / wrk.throughput);
    }

    private static double change(double value, double reference) {
        return 100 * (value / reference - 1);
    }

    /** Each figure's median over the rounds, for one tool (0 the studio, 1 wrk). */
    private static Figures median(List<Figures[]> rounds, int tool) {
        java.util.function.Function<java.util.function.ToDoubleFunction<Figures>, Double> median = figure -> {
            double[] values = rounds.stream().mapToDouble(pair -> figure.applyAsDouble(pair[tool])).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        };
        return new Figures(median.apply(Figures::throughput), median.apply(Figures::p50), median.apply(Figures::p90),
                median.apply(Figures::p99), rounds.stream().mapToLong(pair -> pair[tool].failed).sum());
    }

    private static void header() {
        System.out.printf(Locale.ROOT, "%-9s %12s %10s %10s %10s%n", "tool", "requests/s", "p50 ms", "p90 ms",
                "p99 ms");
    }

    private static void row(String tool, Figures figures, String note) {
        System.out.printf(Locale.ROOT, "%-9s %12.1f %10.3f %10.3f %10.3f%s%n", tool, figures.throughput,
                figures.p50, figures.p90, figures.p99, note);
    }

    /**
     * The studio and wrk on the server at once. wrk starts 2.5 s after the studio says what it will send (it
     * then connects, in about a second here, and warms up for 5 s) and runs 5 s longer than the measured
     * seconds, so it covers them (checked against the studio's report) but not the studio's start-up. wrk's own
     * figures also hold part of the studio's warm-up and a last second or two with the server to itself, when its
     * calls are quicker: that can only flatter wrk.
     */
    private Together together(String url, int concurrency, int seconds) throws IOException, InterruptedException {
        Process studio = start(studioCommand(url, concurrency, seconds, TOGETHER_WARM_UP_SECONDS),
                ProcessBuilder.Redirect.PIPE);
        var stderr = new java.util.concurrent.LinkedBlockingQueue<String>();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(studio.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(stderr::add);
            } catch (IOException ended) {
                // the process is gone: its report or exit code tells
            }
        });
        reader.start();
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String line;
        do { // its first words on standard error, before the warm-up; a JVM may say something of its own first
            line = stderr.poll(Math.max(0, giveUp - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } while (line != null && !line.startsWith("This sends"));
        if (line == null) {
            studio.destroy();
            throw new IllegalStateException("the studio's load test did not start within 60 s");
        }
        Thread.sleep(WRK_AFTER_MILLIS);
        int wrkSeconds = seconds + 5;
        java.time.Instant wrkStarted = java.time.Instant.now();
        Figures wrk = wrk(url, concurrency, wrkSeconds);
        var report = read(studio, "the studio's load test");
        reader.join();
        java.time.Instant measuredFrom = java.time.Instant.parse(report.get("startedAt").asText());
        java.time.Instant measuredTo = measuredFrom.plus(java.time.Duration.parse(report.get("elapsed").asText()));
        if (measuredFrom.isBefore(wrkStarted) || measuredTo.isAfter(wrkStarted.plusSeconds(wrkSeconds))) {
            throw new IllegalStateException("wrk's run (" + wrkStarted + ", " + wrkSeconds + " s) did not cover the "
                    + "studio's measured seconds (" + measuredFrom + " to " + measuredTo + ")");
        }
        return new Together(figures(report), wrk, java.time.Duration.between(wrkStarted, measuredFrom),
                java.time.Duration.between(measuredTo, wrkStarted.plusSeconds(wrkSeconds)));
    }

    private static final int WARM_UP_SECONDS = 30;

    /** The p99 of each warm-up run: one of {@value #WARM_UP_SECONDS} s, then 5 s runs until two agree (60 s in all). */
    private List<Double> warm(String url, int concurrency) throws IOException, InterruptedException {
        List<Double> p99 = new java.util.ArrayList<>(List.of(wrk(url, concurrency, WARM_UP_SECONDS).p99));
        for (int spent = WARM_UP_SECONDS; spent < 60; spent += 5) {
            p99.add(wrk(url, concurrency, 5).p99);
            double last = p99.get(p99.size() - 1);
            double before = p99.get(p99.size() - 2);
            if (p99.size() > 2 && Math.abs(last / before - 1) <= 0.05) {
                break;
            }
        }
        return p99;
    }

    /** Both tools at the same moments, and how far wrk's run reached before and after the studio's. */
    private record Together(Figures studio, Figures wrk, java.time.Duration lead, java.time.Duration trail) {
    }

    /** One tool's figures for one run; wrk reports no errors (its non-2xx count is not read). */
    private record Figures(double throughput, double p50, double p90, double p99, long failed) {
    }

    /** `endpoint-studio loadtest` in a JVM of its own, as users run it. */
    private Figures studio(String url, int concurrency, int seconds) throws IOException, InterruptedException {
        Process process = start(studioCommand(url, concurrency, seconds, STUDIO_WARM_UP_SECONDS),
                ProcessBuilder.Redirect.DISCARD);
        return figures(read(process, "the studio's load test"));
    }

    private List<String> studioCommand(String url, int concurrency, int seconds, int warmUpSeconds) {
        List<String> command = new java.util.ArrayList<>();
        String launcher = System.getProperty("benchmark.launcher", "").strip();
        if (launcher.isEmpty()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // the JVM options bin/endpoint-studio and an installed studio give the loadtest command
            command.addAll(com.endpointstudio.cli.LoadGeneratorJvm.OPTIONS);
            String extra = System.getProperty("benchmark.studioJvmOptions", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.endpointstudio.Launcher"));
        } else {
            command.add(launcher); // an installed studio's, as its users run it
        }
        command.addAll(List.of("loadtest", "bench", "--concurrency", Integer.toString(concurrency), "--duration",
                seconds + "s", "--warmup", warmUpSeconds + "s", "--body", BODY, "--region", "us-east-1",
                "--endpoint-url", url, "--yes", "--format", "json"));
        return command;
    }

    /**
     * The console's load test, from a JVM with the window's options (packaging/jpackage/build.sh gives them):
     * handed to the window's load generator ("own-jvm"), or run inside that JVM ("in-window").
     */
    private Figures window(String mode, String url, int concurrency, int seconds) throws IOException,
            InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseG1GC", "-Xmx1g",
                "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=15",
                "-XX:-G1PeriodicGCInvokesConcurrent", "-cp", System.getProperty("java.class.path"),
                WindowLoadTest.class.getName(), mode, url, Integer.toString(concurrency), Integer.toString(seconds),
                BODY));
        return figures(read(start(command, ProcessBuilder.Redirect.DISCARD), "the console's load test"));
    }

    private Process start(List<String> command, ProcessBuilder.Redirect stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr);
        builder.environment().put("AWS_ACCESS_KEY_ID", "benchmark");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "benchmark");
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        return builder.start();
    }

    /** The report: the one JSON object on standard output (a JVM may print lines of its own around it). */
    private static com.fasterxml.jackson.databind.JsonNode read(Process process, String what) throws IOException,
            InterruptedException {
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed:\n" + json);
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                json.substring(json.indexOf('{'), json.lastIndexOf('}') + 1));
    }

    private static Figures figures(com.fasterxml.jackson.databind.JsonNode report) {
        var latency = report.get("latency");
        return new Figures(report.get("throughput").asDouble(), latency.get("p50Ms").asDouble(),
                latency.get("p90Ms").asDouble(), latency.get("p99Ms").asDouble(), report.get("failed").asLong());
    }

    private Figures wrk(String url, int connections, int seconds) throws IOException, InterruptedException {
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
        return new Figures(Double.parseDouble(rps.group(1)), percentile(output, "50"), percentile(output, "90"),
                percentile(output, "99"), 0);
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
}
