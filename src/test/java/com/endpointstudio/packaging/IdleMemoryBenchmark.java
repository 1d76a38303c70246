package com.endpointstudio.packaging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resident memory of the app image left idle after it starts, over a user's months of settings,
 * console history and deployment journal (the same seed as the start-up benchmark): the process's
 * VmRSS is read every 15 s for 90 s, under Xvfb. Goal: at most 250 MiB idle after start.
 *
 * <p>Run: {@code ./mvnw package -DskipTests && bash packaging/jpackage/build.sh && ./mvnw test
 * -Dtest=IdleMemoryBenchmark -Dsurefire.excludes=none}.
 */
class IdleMemoryBenchmark {

    private static final Pattern SAMPLE = Pattern.compile("rss-at (\\d+) (\\d+) kB");

    @TempDir
    Path dir;

    @Test
    void residentMemoryWhenIdleAfterStart() throws Exception {
        StartupBenchmark.buildImageIfMissing();
        String seeded = MonthsOfUse.seed(dir.resolve("config"), dir.resolve("data"));
        String script = "\"$0\" & pid=$!; for t in 15 30 45 60 75 90; do sleep 15; "
                + "echo \"rss-at $t $(awk '/VmRSS/ {print $2}' /proc/$pid/status) kB\"; done; kill $pid; wait $pid";
        ProcessBuilder builder = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "bash", "-c",
                script, StartupBenchmark.launcher()).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Dendpointstudio.runtimePort=0");
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor();
        List<String> samples = new ArrayList<>();
        long last = 0;
        Matcher sample = SAMPLE.matcher(output);
        while (sample.find()) {
            last = Long.parseLong(sample.group(2));
            samples.add(sample.group(1) + " s: " + last / 1024 + " MiB");
        }
        if (samples.size() < 6) {
            throw new IllegalStateException("the studio did not stay up for 90 s:\n" + output);
        }
        System.out.printf("%nApp image idle after start (%s), load average %s, resident memory: %s; after 90 s "
                + "%d MiB (goal ≤ 250 MiB)%n", seeded, StartupBenchmark.loadAverage(), String.join(", ", samples),
                last / 1024);
    }
}
