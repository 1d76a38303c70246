package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Drives bin/endpoint-studio over the packaged jar, as scripts and CI call it. */
@ExtendWith(MotoExtension.class)
class LauncherScriptIT {

    private static final Path BASEDIR = Path.of(System.getProperty("studio.basedir", "."));

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    private Result run(List<String> args, boolean withKeys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BASEDIR.resolve("bin/endpoint-studio").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("AWS_PROFILE");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        if (withKeys) {
            builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        }
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        Result result = run(List.of("--help"), false);

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: endpoint-studio").contains("whoami");
    }

    @Test
    void whoamiWithEnvironmentKeysPrintsTheAccount(MotoServer moto) throws Exception {
        Result result = run(List.of("whoami", "--region", "us-east-1", "--endpoint-url", moto.endpointUrl()), true);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Account: " + MotoServer.ACCOUNT).contains("arn:aws:sts::");
    }

    @Test
    void whoamiWithoutCredentialsExplainsHowToConfigureThem(MotoServer moto) throws Exception {
        Result result = run(List.of("whoami", "--region", "us-east-1", "--endpoint-url", moto.endpointUrl()), false);

        assertThat(result.code()).isEqualTo(Cli.FAILED);
        assertThat(result.err()).contains("No AWS credentials were found").contains("aws configure");
    }
}
