package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MotoExtension.class)
class WhoamiCommandTest {

    @TempDir
    Path home;

    private StudioServices services;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start(MotoServer moto) {
        services = moto.services(home);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void printsTheAccountAndArnOfTheProfile(MotoServer moto) {
        int code = run("whoami", "--profile", MotoServer.PROFILE, "--region", "us-east-1",
                "--endpoint-url", moto.endpointUrl());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Account: " + MotoServer.ACCOUNT)
                .containsPattern("Arn: +arn:aws:sts::" + MotoServer.ACCOUNT + ":");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theRegionDefaultsToTheProfiles(MotoServer moto) {
        int code = run("whoami", "--profile", MotoServer.PROFILE, "--endpoint-url", moto.endpointUrl());

        assertThat(code).isZero();
        assertThat(out.toString()).contains(MotoServer.ACCOUNT);
    }

    @Test
    void aBadEndpointUrlIsRefusedBeforeAnyCallNamingTheOption() {
        int code = run("whoami", "--profile", MotoServer.PROFILE, "--endpoint-url", "localhost:5000");

        assertThat(code).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("Endpoint URL").contains("localhost:5000");
    }

    @Test
    void anUnknownProfileFailsWithASentence() {
        int code = run("whoami", "--profile", "nosuch", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9");

        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("profile 'nosuch'");
    }

    @Test
    void helpListsTheCommands() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("endpoint-studio").contains("whoami");
    }
}
