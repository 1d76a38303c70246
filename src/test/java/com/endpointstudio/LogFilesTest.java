package com.endpointstudio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's log configuration (LogConfiguration): the window and the commands write files of their own
 * in the log folder, so a command run beside the window never rolls the window's file.
 */
class LogFilesTest {

    @TempDir
    Path dir;

    private LoggerContext log(String name, String message) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's binding gives it
        LogConfiguration.configure(context, dir, name == null ? LogConfiguration.WINDOW_LOG : name);
        context.getLogger("com.endpointstudio.test").warn(message);
        context.getLogger("software.amazon.awssdk.request").info("a request's wire log");
        context.stop();
        return context;
    }

    @Test
    void theWindowAndTheCommandsLogToFilesOfTheirOwn() throws Exception {
        assertThat(Launcher.logName(new String[0])).isNull();
        assertThat(Launcher.logName(new String[] {"--smoke-test"})).isNull();
        assertThat(Launcher.logName(new String[] {"loadtest", "--endpoint", "churn"})).isEqualTo(Launcher.COMMAND_LOG);

        log(Launcher.logName(new String[0]), "from the window");
        log(Launcher.logName(new String[] {"loadtest"}), "from a command");

        assertThat(Files.readString(dir.resolve("endpoint-studio.log"))).contains("WARN  [main] com.endpointstudio.test"
                + " - from the window").doesNotContain("from a command");
        assertThat(Files.readString(dir.resolve("endpoint-studio-cli.log"))).contains("from a command")
                .doesNotContain("from the window");
    }

    @Test
    void theSdksRequestsAreNotWrittenToTheLog() throws Exception {
        log(null, "from the window");

        assertThat(Files.readString(dir.resolve("endpoint-studio.log"))).doesNotContain("wire log");
    }

    @Test
    void aLogbackFileOfTheUsersOwnTakesOverAndWithoutOneTheStudiosLogIsSetUp() throws Exception {
        String named = System.getProperty("logback.configurationFile");
        String logDir = System.getProperty(LogConfiguration.DIR);
        try {
            System.setProperty("logback.configurationFile", dir.resolve("logback.xml").toString());
            assertThat(new LogConfiguration().configure(new LoggerContext()))
                    .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);

            System.clearProperty("logback.configurationFile");
            System.setProperty(LogConfiguration.DIR, dir.toString());
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
            assertThat(new LogConfiguration().configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.getLogger("com.endpointstudio.test").warn("as shipped");
            context.stop();
            assertThat(Files.readString(dir.resolve("endpoint-studio.log"))).contains("as shipped");
        } finally {
            restore("logback.configurationFile", named);
            restore(LogConfiguration.DIR, logDir);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
