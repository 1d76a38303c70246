package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** The command line as a whole: a command line that names one command still reads as part of the whole. */
class CliTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs a command line that fails or answers before any call: no AWS behind it. */
    private int run(String... args) {
        try (StudioServices services = new StudioServices(StudioPaths.under(home.resolve("studio")),
                MotoServer.awsEnvironment(home.resolve(".aws")))) {
            return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
        }
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
