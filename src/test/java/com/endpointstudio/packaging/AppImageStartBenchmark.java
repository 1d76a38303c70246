package com.endpointstudio.packaging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from launch to the frame with the shell drawn, median of 5 starts of the app image under
 * Xvfb (the launcher's smoke mode prints it, and the first frame, the shell's outline, before it).
 * Goal: under 1.5 s. Builds the image first when it is missing.
 *
 * <p>Run: {@code ./mvnw package -DskipTests && ./mvnw test -Dtest=AppImageStartBenchmark}.
 */
class AppImageStartBenchmark {

    private static final Path IMAGE = Path.of("target/jpackage/endpoint-studio");
    private static final Pattern FRAME = Pattern.compile("first-frame-ms=(\\d+) shell-frame-ms=(\\d+)");

    @TempDir
    Path home;

    @Test
    void firstFrameOfTheAppImage() throws Exception {
        if (!Files.isExecutable(IMAGE.resolve("bin/endpoint-studio"))) {
            Process build = new ProcessBuilder("bash", "packaging/jpackage/build.sh").inheritIO().start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("packaging/jpackage/build.sh failed");
            }
        }
        List<Long> starts = new ArrayList<>();
        List<Long> outlines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProcessBuilder builder = new ProcessBuilder("xvfb-run", "-a", IMAGE.resolve("bin/endpoint-studio").toString(),
                    "--smoke-test").redirectErrorStream(true);
            builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
            builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
            // never the usual runtime port 8399: a studio the user runs may hold it
            builder.environment().put("JAVA_TOOL_OPTIONS", "-Dendpointstudio.runtimePort=0");
            Process start = builder.start();
            String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher frame = FRAME.matcher(output);
            if (start.waitFor() != 0 || !frame.find()) {
                throw new IllegalStateException("the smoke start failed:\n" + output);
            }
            if (i > 0) { // the first start fills the OS file cache and JavaFX's native cache
                outlines.add(Long.parseLong(frame.group(1)));
                starts.add(Long.parseLong(frame.group(2)));
            }
        }
        List<Long> sorted = starts.stream().sorted().toList();
        System.out.printf("%nApp image, launch to the shell's frame under Xvfb (5 starts after one to warm the caches): "
                + "%s ms; median %d ms (goal < 1500 ms); the first frame (the shell's outline) %s ms%n", starts,
                sorted.get(2), outlines);
    }
}
