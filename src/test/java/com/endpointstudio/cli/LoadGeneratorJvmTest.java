package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installed studio's launcher starts every command with the window's JVM options; {@code loadtest}
 * from it runs in a JVM of the image's runtime with the load generator's options, the ones
 * bin/endpoint-studio gives it.
 */
class LoadGeneratorJvmTest {

    @TempDir
    Path runtime;

    private Properties installed() throws Exception {
        Path java = Files.createDirectories(runtime.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Properties system = new Properties();
        system.setProperty("java.home", runtime.toString());
        system.setProperty("java.class.path", "/opt/endpoint-studio/lib/app/endpoint-studio.jar:/opt/lib/app/x.jar");
        system.setProperty("jpackage.app-path", "/opt/endpoint-studio/bin/endpoint-studio");
        return system;
    }

    @Test
    void aLoadTestFromAnInstalledStudioRunsInTheImagesRuntimeWithTheLoadGeneratorsOptions() throws Exception {
        String[] args = {"loadtest", "churn", "--local", "--concurrency", "8"};
        List<String> expected = new ArrayList<>(List.of(runtime.resolve("bin/java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:MaxTenuringThreshold=1", "-Dendpointstudio.loadGenerator=true",
                "-Djpackage.app-path=/opt/endpoint-studio/bin/endpoint-studio", "-cp",
                "/opt/endpoint-studio/lib/app/endpoint-studio.jar:/opt/lib/app/x.jar", "com.endpointstudio.Launcher"));
        expected.addAll(List.of(args));
        assertThat(LoadGeneratorJvm.relaunch(args, installed())).contains(expected);
    }

    @Test
    void otherCommandsTheRelaunchedJvmAndACheckoutsLauncherRunWhereTheyAre() throws Exception {
        Properties installed = installed();
        assertThat(LoadGeneratorJvm.relaunch(new String[] {"invoke", "churn"}, installed)).isEmpty();
        assertThat(LoadGeneratorJvm.relaunch(new String[0], installed)).isEmpty();

        Properties relaunched = installed();
        relaunched.setProperty("endpointstudio.loadGenerator", "true");
        assertThat(LoadGeneratorJvm.relaunch(new String[] {"loadtest", "churn"}, relaunched)).isEmpty();

        Properties checkout = installed();
        checkout.remove("jpackage.app-path"); // bin/endpoint-studio has given the options already
        assertThat(LoadGeneratorJvm.relaunch(new String[] {"loadtest", "churn"}, checkout)).isEmpty();
    }

    @Test
    void binEndpointStudioGivesTheLoadTestTheSameOptions() throws Exception {
        String script = Files.readString(Path.of("bin/endpoint-studio"));
        assertThat(script).contains("if [ \"$1\" = \"loadtest\" ]; then\n  jvm_opts=\""
                + String.join(" ", LoadGeneratorJvm.OPTIONS) + "\"");
    }

    @Test
    void theRelaunchedJvmsExitCodeIsTheCommands() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(LoadGeneratorJvm.run(List.of(java, "-XX:+UseSerialGC", "-version"))).isZero();
        assertThat(LoadGeneratorJvm.run(List.of(java, "-cp", "", "NoSuchMainClass"))).isEqualTo(1);
        assertThat(LoadGeneratorJvm.run(List.of(runtime.resolve("missing-java").toString()))).isEqualTo(1);
    }
}
