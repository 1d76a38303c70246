package com.endpointstudio.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up against its yardstick, in one run: an empty JavaFX window on the app image's own runtime
 * (with its own class-data archive, as the studio has one), the studio over a user's months of
 * settings, console history and deployment journal, and the studio on a first start. Each is
 * started under Xvfb once to warm the caches (and, for the empty window, to record its archive),
 * then 5 times, the three kinds taking turns so a busy machine weighs on each alike. Prints for
 * each start the time from the JVM's start to its first frame, the CPU seconds and the peak RSS of
 * the process (GNU time), the medians and the ratio studio / empty window (goal: at most 1.3). The
 * studio's first frame is its window with the shell's outline; the time to the frame with the shell
 * drawn, its screens listed, is printed beside it.
 *
 * <p>Run: {@code ./mvnw package -DskipTests && bash packaging/jpackage/build.sh && ./mvnw test
 * -Dtest=StartupBenchmark -Dsurefire.excludes=none}.
 */
class StartupBenchmark {

    static final Path IMAGE = Path.of("target/jpackage/endpoint-studio");
    private static final Pattern FRAME = Pattern.compile("first-frame-ms=(\\d+)");
    /** The studio's frame with its shell drawn (an empty window has only its first). */
    private static final Pattern SHELL = Pattern.compile("shell-frame-ms=(\\d+)");
    private static final Pattern TIME = Pattern.compile("gnu-time (\\S+) (\\S+) (\\S+) (\\d+)");
    private static final int STARTS = 5;

    @TempDir
    Path dir;

    record Start(long frameMs, long shellMs, double cpuSeconds, long maxRssKib) {
        @Override
        public String toString() {
            return String.format("%d ms%s / %.1f s CPU / %d MiB", frameMs,
                    shellMs == frameMs ? "" : " (shell " + shellMs + " ms)", cpuSeconds, maxRssKib / 1024);
        }
    }

    @Test
    void studioAgainstAnEmptyWindow() throws Exception {
        buildImageIfMissing();
        Path months = dir.resolve("months");
        String seeded = MonthsOfUse.seed(months.resolve("config"), months.resolve("data"));
        Path jsa = dir.resolve("empty-window.jsa");
        Path java = IMAGE.resolve("lib/runtime/bin/java").toAbsolutePath();
        String classes = emptyWindowJar(dir.resolve("empty-window.jar")).toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("empty window", List.of(java.toString(), "-XX:SharedArchiveFile=" + jsa, "-cp", classes,
                EmptyWindow.class.getName()));
        commands.put("studio, months of use", List.of(launcher(), "--smoke-test"));
        commands.put("studio, first start", List.of(launcher(), "--smoke-test"));
        Map<String, List<Start>> starts = new LinkedHashMap<>();
        commands.keySet().forEach(kind -> starts.put(kind, new ArrayList<>()));

        // warm-up: caches, and the empty window's class-data archive (the studio's comes with its image)
        run(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + jsa, "-cp", classes,
                EmptyWindow.class.getName()), dir.resolve("empty"));
        run(commands.get("studio, months of use"), months);
        for (int i = 0; i < STARTS; i++) {
            for (var command : commands.entrySet()) {
                Path home = switch (command.getKey()) {
                    case "studio, months of use" -> months;
                    case "studio, first start" -> fresh("first-" + i);
                    default -> dir.resolve("empty");
                };
                starts.get(command.getKey()).add(run(command.getValue(), home));
            }
        }

        System.out.printf("%nLaunch to first frame under Xvfb, %d starts each after a warm-up (%s), load average "
                + "%s:%n", STARTS, seeded, loadAverage());
        for (var kind : starts.entrySet()) {
            System.out.printf("  %-22s %s%n  %-22s median %s%n", kind.getKey(), kind.getValue(), "",
                    median(kind.getValue()));
        }
        long empty = median(starts.get("empty window")).frameMs();
        long studio = median(starts.get("studio, months of use")).frameMs();
        long first = median(starts.get("studio, first start")).frameMs();
        System.out.printf("  first frame: studio (months of use) / empty window %.2f× (goal ≤ 1.3×); first start / "
                + "empty window %.2f×%n", studio / (double) empty, first / (double) empty);
        System.out.printf("  the shell drawn: studio (months of use) / empty window %.2f×; first start / empty window "
                + "%.2f×%n", median(starts.get("studio, months of use")).shellMs() / (double) empty,
                median(starts.get("studio, first start")).shellMs() / (double) empty);
    }

    /** The empty window's classes in a jar of their own (class-data archives take jars, not folders). */
    static Path emptyWindowJar(Path jar) throws IOException {
        Path classes = Path.of("target/test-classes");
        String folder = EmptyWindow.class.getPackageName().replace('.', '/');
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.list(classes.resolve(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("EmptyWindow")).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(folder + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar.toAbsolutePath();
    }

    static String launcher() {
        return IMAGE.resolve("bin/endpoint-studio").toAbsolutePath().toString();
    }

    static void buildImageIfMissing() throws IOException, InterruptedException {
        if (!Files.isExecutable(IMAGE.resolve("bin/endpoint-studio"))) {
            Process build = new ProcessBuilder("bash", "packaging/jpackage/build.sh").inheritIO().start();
            if (build.waitFor() != 0) {
                throw new IllegalStateException("packaging/jpackage/build.sh failed");
            }
        }
    }

    private Path fresh(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** One start under Xvfb and GNU time, with its config and data folders under {@code home}. */
    static Start run(List<String> command, Path home) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "/usr/bin/time",
                "-f", "gnu-time %e %U %S %M"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        // never the usual runtime port 8399: a studio the user runs may hold it
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Dendpointstudio.runtimePort=0");
        Process start = builder.start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher frame = FRAME.matcher(output);
        Matcher time = TIME.matcher(output);
        if (start.waitFor() != 0 || !frame.find() || !time.find()) {
            throw new IllegalStateException("the start failed: " + command + "\n" + output);
        }
        Matcher shell = SHELL.matcher(output);
        long first = Long.parseLong(frame.group(1));
        return new Start(first, shell.find() ? Long.parseLong(shell.group(1)) : first,
                Double.parseDouble(time.group(2)) + Double.parseDouble(time.group(3)), Long.parseLong(time.group(4)));
    }

    /** The medians of the first frame, the CPU time and the peak RSS, each on its own. */
    static Start median(List<Start> starts) {
        int middle = starts.size() / 2;
        return new Start(starts.stream().mapToLong(Start::frameMs).sorted().toArray()[middle],
                starts.stream().mapToLong(Start::shellMs).sorted().toArray()[middle],
                starts.stream().mapToDouble(Start::cpuSeconds).sorted().toArray()[middle],
                starts.stream().mapToLong(Start::maxRssKib).sorted().toArray()[middle]);
    }

    static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
