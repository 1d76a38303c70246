package com.endpointstudio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's log configuration (logback.xml as shipped): the window and the commands write files of
 * their own in the log folder, so a command run beside the window never rolls the window's file.
 */
class LogFilesTest {

    @TempDir
    Path dir;

    private void log(String name, String message) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's binding gives it
        context.putProperty("endpointstudio.logdir", dir.toString());
        if (name != null) {
            context.putProperty("endpointstudio.logname", name);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFilesTest.class.getResource("/logback.xml"));
        context.getLogger("com.endpointstudio.test").warn(message);
        context.stop();
    }

    @Test
    void theWindowAndTheCommandsLogToFilesOfTheirOwn() throws Exception {
        assertThat(Launcher.logName(new String[0])).isNull();
        assertThat(Launcher.logName(new String[] {"--smoke-test"})).isNull();
        assertThat(Launcher.logName(new String[] {"loadtest", "--endpoint", "churn"})).isEqualTo(Launcher.COMMAND_LOG);

        log(Launcher.logName(new String[0]), "from the window");
        log(Launcher.logName(new String[] {"loadtest"}), "from a command");

        assertThat(Files.readString(dir.resolve("endpoint-studio.log"))).contains("from the window")
                .doesNotContain("from a command");
        assertThat(Files.readString(dir.resolve("endpoint-studio-cli.log"))).contains("from a command")
                .doesNotContain("from the window");
    }
}
