package com.endpointstudio.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable application: packaging/jpackage/build.sh makes the Linux app image (trimmed
 * runtime with JavaFX on the module path), which starts headless under Xvfb in smoke mode, renders
 * its shell and exits 0 with a clean log, within the size budget; its launcher also runs the
 * command line. The .deb check installs the package with dpkg; it takes a minute and root, so it
 * runs only with {@code -Dstudio.deb=true}, and the .rpm check (built with rpmbuild, installed with
 * rpm) with {@code -Dstudio.rpm=true}. A fresh Debian machine lacks Xvfb and GTK: the test
 * installs them with apt-get when it runs as root, and otherwise says what to install.
 */
class AppImageIT {

    private static final Path BASEDIR = Path.of(System.getProperty("studio.basedir", "."));
    private static final Path IMAGE = BASEDIR.resolve("target/jpackage/endpoint-studio");
    private static final long BUDGET = 150L * 1024 * 1024;

    @TempDir
    Path home;

    @BeforeAll
    static void provideADisplay() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the app image test builds the Linux image");
        if (displayReady()) {
            return;
        }
        boolean root = "0".equals(capture(List.of("id", "-u")).strip());
        assertThat(root && onPath("apt-get"))
                .as("the app image starts under Xvfb with GTK 3: install the packages xvfb, xauth and libgtk-3-0")
                .isTrue();
        List<String> install = List.of("apt-get", "install", "-y", "-q", "--no-install-recommends",
                "xvfb", "xauth", "libgtk-3-0");
        if (exitCode(install) != 0) {
            exitCode(List.of("apt-get", "update", "-q"));
            assertThat(exitCode(install)).as(String.join(" ", install)).isZero();
        }
        assertThat(displayReady()).as("xvfb-run and GTK 3 after installing them").isTrue();
    }

    private static boolean displayReady() throws Exception {
        return onPath("xvfb-run") && capture(List.of(Files.exists(Path.of("/sbin/ldconfig")) ? "/sbin/ldconfig" : "ldconfig", "-p")).contains("libgtk-3.so.0");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String capture(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static int exitCode(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start().waitFor();
    }

    private String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private void build(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", BASEDIR.resolve("packaging/jpackage/build.sh").toString()));
        command.addAll(List.of(extra));
        String output = run(command, Map.of(), 600);
        System.out.println(output.lines().filter(l -> l.startsWith("app image")).findFirst().orElse(output));
    }

    @Test
    void theAppImageStartsRendersItsShellAndFitsTheBudget() throws Exception {
        build();
        long bytes;
        try (Stream<Path> files = Files.walk(IMAGE)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(AppImageIT::size).sum();
        }
        System.out.printf("app image size: %.1f MiB (budget 150 MiB)%n", bytes / 1048576.0);
        assertThat(bytes).isLessThan(BUDGET);

        String smoke = run(List.of("xvfb-run", "-a", IMAGE.resolve("bin/endpoint-studio").toString(), "--smoke-test"),
                Map.of(), 120);
        assertThat(smoke).contains("SMOKE OK first-frame-ms=").contains("screens=");
        assertThat(smoke).doesNotContain("Exception").doesNotContain("IllegalAccessError")
                .doesNotContain("does not export").doesNotContain("WARNING: Unsupported JavaFX configuration");
        Path log = home.resolve("data/endpoint-studio/logs");
        if (Files.isDirectory(log)) {
            try (Stream<Path> logs = Files.list(log)) {
                for (Path file : logs.toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("Exception")
                            .doesNotContain("IllegalAccessError");
                }
            }
        }

        String cli = run(List.of(IMAGE.resolve("bin/endpoint-studio").toString(), "image-uri", "--framework", "sklearn",
                "--framework-version", "1.2-1", "--region", "eu-west-1", "--instance-type", "ml.m5.large"), Map.of(), 60);
        assertThat(cli.strip()).isEqualTo("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");

        aLoadTestRunsInAJvmWithTheLoadGeneratorsOptions();
    }

    /**
     * The image's launcher gives every command the window's JVM options; `loadtest` starts itself again in
     * the image's runtime with the load generator's (LoadGeneratorJvm), seen here in the second process's
     * command line while it calls a runtime API that answers at once.
     */
    private void aLoadTestRunsInAJvmWithTheLoadGeneratorsOptions() throws Exception {
        com.sun.net.httpserver.HttpServer runtime = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        runtime.createContext("/endpoints/bench/invocations", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "[0.5]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        runtime.start();
        try {
            ProcessBuilder builder = new ProcessBuilder(IMAGE.resolve("bin/endpoint-studio").toString(), "loadtest",
                    "bench", "--concurrency", "2", "--duration", "3s", "--warmup", "1s", "--body", "[[3, 80, 12]]",
                    "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:" + runtime.getAddress().getPort(),
                    "--yes", "--format", "json").redirectErrorStream(true);
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                    "XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_DATA_HOME", home.resolve("data").toString()));
            Process launcher = builder.start();
            List<String> generator = List.of();
            for (int i = 0; i < 100 && generator.isEmpty() && launcher.isAlive(); i++) {
                generator = launcher.descendants().map(AppImageIT::arguments)
                        .filter(arguments -> arguments.contains("com.endpointstudio.Launcher")).findFirst()
                        .orElse(List.of());
                Thread.sleep(50);
            }
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor()).as(output).isZero();
            assertThat(output).contains("\"throughput\"").containsPattern("\"failed\"\\s*:\\s*0[,}]");
            assertThat(generator).as("the load generator's JVM").startsWith(IMAGE.resolve("lib/runtime/bin/java")
                    .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=1")
                    .containsSubsequence("com.endpointstudio.Launcher", "loadtest", "bench", "--concurrency", "2");
        } finally {
            runtime.stop(0);
        }
    }

    @Test
    void theDebInstallsWithDpkgAndItsLauncherRuns() throws Exception {
        assumeTrue(Boolean.getBoolean("studio.deb"), "the .deb check runs with -Dstudio.deb=true");
        build("--type", "deb");
        Path deb;
        try (Stream<Path> files = Files.list(BASEDIR.resolve("target/jpackage/installers"))) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        System.out.printf(".deb: %s, %.1f MiB%n", deb.getFileName(), Files.size(deb) / 1048576.0);
        // The package registers a menu entry: minimal systems lack the menu folders xdg-desktop-menu writes to.
        Files.createDirectories(Path.of("/usr/share/applications"));
        Files.createDirectories(Path.of("/usr/share/desktop-directories"));
        // dpkg installs; a dependency missing on this machine (xdg-utils, say) is then fetched by apt
        Process install = new ProcessBuilder("dpkg", "-i", deb.toString()).inheritIO().start();
        if (install.waitFor() != 0) {
            run(List.of("apt-get", "install", "-f", "-y"), Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
        }
        run(List.of("dpkg", "-s", "endpoint-studio"), Map.of(), 60);
        try {
            String version = run(List.of("/opt/endpoint-studio/bin/endpoint-studio", "--version"), Map.of(), 60);
            assertThat(version).contains("Endpoint Studio");
            String smoke = run(List.of("xvfb-run", "-a", "/opt/endpoint-studio/bin/endpoint-studio", "--smoke-test"),
                    Map.of(), 120);
            assertThat(smoke).contains("SMOKE OK");
        } finally {
            run(List.of("dpkg", "--purge", "endpoint-studio"), Map.of(), 300);
        }
    }

    @Test
    void theRpmCarriesItsMetadataAndItsInstalledLauncherRuns() throws Exception {
        assumeTrue(Boolean.getBoolean("studio.rpm"), "the .rpm check runs with -Dstudio.rpm=true");
        if (!onPath("rpmbuild") || !onPath("xdg-desktop-menu")) {
            // Debian's rpm package brings rpmbuild; the package's scriptlets register a menu entry
            assertThat(exitCode(List.of("apt-get", "install", "-y", "-q", "rpm", "xdg-utils"))).isZero();
        }
        build("--type", "rpm");
        Path rpm;
        try (Stream<Path> files = Files.list(BASEDIR.resolve("target/jpackage/installers"))) {
            rpm = files.filter(f -> f.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        System.out.printf(".rpm: %s, %.1f MiB%n", rpm.getFileName(), Files.size(rpm) / 1048576.0);
        assertThat(run(List.of("rpm", "-qp", "--requires", rpm.toString()), Map.of(), 60)).contains("gtk3");
        assertThat(run(List.of("rpm", "-qp", "--queryformat", "%{NAME} %{VERSION}", rpm.toString()), Map.of(), 60))
                .contains("endpoint-studio 0.1.0");
        Files.createDirectories(Path.of("/usr/share/applications"));
        Files.createDirectories(Path.of("/usr/share/desktop-directories"));
        // the dependencies carry Fedora's names, which a Debian rpm database doesn't hold
        run(List.of("rpm", "-i", "--nodeps", rpm.toString()), Map.of(), 300);
        try {
            assertThat(run(List.of("/opt/endpoint-studio/bin/endpoint-studio", "--version"), Map.of(), 60))
                    .contains("Endpoint Studio");
            assertThat(run(List.of("xvfb-run", "-a", "/opt/endpoint-studio/bin/endpoint-studio", "--smoke-test"),
                    Map.of(), 120)).contains("SMOKE OK");
        } finally {
            run(List.of("rpm", "-e", "endpoint-studio"), Map.of(), 300);
        }
        assertThat(Path.of("/opt/endpoint-studio")).doesNotExist();
    }

    /**
     * A process's command line from /proc: ProcessHandle.Info gives none for one as long as a class path of
     * a hundred jars (the JDK reads a page of it).
     */
    private static List<String> arguments(ProcessHandle process) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(line.split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
