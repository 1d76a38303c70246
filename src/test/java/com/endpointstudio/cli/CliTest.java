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
import picocli.CommandLine.Command;

/** The command line as a whole: a command line that names one command still reads as part of the whole. */
@ExtendWith(MotoExtension.class)
class CliTest {

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
    void theHelpListsEveryCommand() {
        assertThat(run("--help")).isZero();

        for (Class<?> command : StudioCommand.COMMANDS) {
            assertThat(out.toString()).containsPattern("(?m)^  " + command.getAnnotation(Command.class).name() + " ");
        }
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheNearOnes() {
        assertThat(run("pakage", "--framework", "sklearn")).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString()).contains("'pakage'")
                .contains("Did you mean: endpoint-studio package");
    }

    @Test
    void aCommandsOwnUsageErrorNamesItUnderTheStudio() {
        assertThat(run("package", "--model", "weights.bin")).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString()).contains("Missing required option: '--framework=F'")
                .contains("Usage: endpoint-studio package");
    }

    @Test
    void aSubcommandOfACommandStillHasItsHelp() {
        assertThat(run("spec", "new", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: endpoint-studio spec new");
    }
}
