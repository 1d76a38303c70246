package com.endpointstudio.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resident memory of the studio after a scripted use, over a user's months of settings, console
 * history and deployment journal and a Local endpoint's recorded metrics: every screen visited,
 * the sample model built and deployed to Local, a load test of 100,000 requests from the console,
 * a week of the endpoint's metrics charted (Local keeps its last 3 days of minutes, seeded here as
 * a busy endpoint's; 12 series with data), then 90 s left alone. {@link ScriptedUse} drives the real
 * window in a JVM of its own, on the app image's runtime and with the image's JVM options as
 * packaging/jpackage/build.sh sets them, under Xvfb; VmRSS is printed after each stage. Goal: at
 * most 400 MiB after the scripted use (and at most 250 MiB idle after start, IdleMemoryBenchmark).
 *
 * <p>Run: {@code ./mvnw package -DskipTests && bash packaging/jpackage/build.sh && ./mvnw test
 * -Dtest=ScriptedUseMemoryBenchmark -Dsurefire.excludes=none}; {@code -Dbenchmark.jvmOptions="…"}
 * adds JVM options to the studio's (e.g. {@code -XX:NativeMemoryTracking=summary} to read it with
 * {@code jcmd PID VM.native_memory summary}; the PID is printed), and {@code -Dscripted.diagnose=true}
 * among them has the studio print its native memory and heap histogram once settled. The studio's
 * whole output goes to target/scripted-use-memory.log.
 */
class ScriptedUseMemoryBenchmark {

    private static final Pattern STAGE = Pattern.compile("stage (\\S+) rss-kB (\\d+) heap-committed-MiB (\\d+) "
            + "heap-used-MiB (\\d+)");
    private static final Pattern JAVA_OPTION = Pattern.compile("--java-options \"([^\"]+)\"");
    private static final int SEEDED_MINUTES = 3 * 24 * 60;

    @TempDir
    Path dir;

    @Test
    void residentMemoryAfterAScriptedUse() throws Exception {
        StartupBenchmark.buildImageIfMissing();
        String seeded = MonthsOfUse.seed(dir.resolve("config"), dir.resolve("data"));
        seedLocalMetrics(dir.resolve("data/endpoint-studio/local/metrics.json"), "houses");
        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1400x900x24",
                StartupBenchmark.IMAGE.resolve("lib/runtime/bin/java").toAbsolutePath().toString()));
        command.addAll(imageJvmOptions());
        String extra = System.getProperty("benchmark.jvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-Dendpointstudio.runtimePort=0", "-cp", classPath(), ScriptedUse.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process run = builder.start();
        Map<String, String> stages = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher stage = STAGE.matcher(line);
                if (stage.find()) {
                    stages.put(stage.group(1), String.format("%d MiB (heap %s MiB committed, %s used)",
                            Long.parseLong(stage.group(2)) / 1024, stage.group(3), stage.group(4)));
                }
                if (line.startsWith("stage ") || line.startsWith("load-test ") || line.startsWith("metrics ")
                        || line.startsWith("studio-pid ")) {
                    System.out.println("  " + line);
                }
            }
        }
        run.waitFor();
        Files.writeString(Path.of("target/scripted-use-memory.log"), output);
        if (!stages.containsKey("settled")) {
            throw new IllegalStateException("the scripted use did not finish:\n" + output);
        }
        System.out.printf("%nStudio after a scripted use (%s; Local metrics of 3 days seeded), load average %s, "
                + "resident memory:%n", seeded, StartupBenchmark.loadAverage());
        stages.forEach((stage, figures) -> System.out.printf("  %-12s %s%n", stage, figures));
        System.out.printf("  goal: at most 400 MiB after the scripted use (settled)%n");
    }

    /** The JVM options the app image's launcher passes, as packaging/jpackage/build.sh sets them. */
    static List<String> imageJvmOptions() throws IOException {
        List<String> options = new ArrayList<>();
        Matcher option = JAVA_OPTION.matcher(Files.readString(Path.of("packaging/jpackage/build.sh")));
        while (option.find()) {
            options.add(option.group(1));
        }
        if (!options.contains("-Xmx1g") && options.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            throw new IllegalStateException("build.sh sets no heap limit; did its options move? " + options);
        }
        return options;
    }

    /** The studio's classes and its jars but JavaFX (the image's runtime holds it), and the driver's. */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString(),
                Path.of("target/test-classes").toAbsolutePath().toString()));
        try (var jars = Files.list(Path.of("target/lib"))) {
            jars.filter(jar -> !jar.getFileName().toString().startsWith("javafx-")).sorted()
                    .forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * What the local runtime records for an endpoint that answered about a call a second for the
     * last 3 days (the minutes it keeps), for the endpoint and its variant, in its file's format.
     */
    static void seedLocalMetrics(Path file, String endpoint) throws IOException {
        Random random = new Random(24);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, List<Map<String, Object>>> metrics = new LinkedHashMap<>();
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        for (String metric : List.of("Invocations", "Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency",
                "OverheadLatency")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int m = SEEDED_MINUTES; m > 0; m--) {
                int calls = 30 + random.nextInt(60);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("minute", now.minus(Duration.ofMinutes(m)).toString());
                if (metric.endsWith("Latency")) {
                    histogram.reset();
                    double sum = 0;
                    for (int c = 0; c < calls; c++) {
                        long micros = (long) (metric.startsWith("Model") ? 800 + Math.abs(random.nextGaussian()) * 900
                                : 150 + random.nextInt(400));
                        histogram.recordValue(micros);
                        sum += micros;
                    }
                    row.putAll(Map.of("sum", sum, "count", calls, "min", histogram.getMinValue(),
                            "max", histogram.getMaxValue()));
                    buffer.clear();
                    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
                    row.put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(),
                            length)));
                } else {
                    double value = metric.equals("Invocations") ? calls : random.nextInt(50) == 0 ? 1 : 0;
                    row.putAll(Map.of("sum", value, "count", calls, "min", 0, "max", Math.min(1, value)));
                }
                rows.add(row);
            }
            metrics.put(metric, rows);
        }
        Files.createDirectories(file.getParent());
        new ObjectMapper().writeValue(file.toFile(), Map.of(endpoint, metrics, endpoint + "/AllTraffic", metrics));
    }
}
