package com.endpointstudio;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The studio's log, set up in code: logback reading a logback.xml first loads an XML parser and its
 * configuration model, about 0.35 s of a cold JVM, which every command's first AWS call and the
 * window's start waited for. A logback.xml named by {@code -Dlogback.configurationFile} takes over
 * (the build's test runs name theirs so).
 *
 * <p>The log lives in the user's data folder (the launcher sets {@value #DIR}); the window writes
 * endpoint-studio.log and the commands endpoint-studio-cli.log ({@value #NAME}, set by the launcher),
 * as a rolling file is not made for two processes and a command may run beside the window.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String DIR = "endpointstudio.logdir";
    static final String NAME = "endpointstudio.logname";
    static final String WINDOW_LOG = "endpoint-studio";

    /**
     * Sets the log up on a thread of its own, once per process: logback takes about a quarter of a
     * second of a cold JVM (some 450 classes) the first time anything logs. The window begins it once its
     * first frame is drawn, a command as its first AWS client is made, so that either goes on meanwhile
     * on the other core; a logger asked for before it is done catches up after.
     */
    public static void beginInBackground() {
        Background.begun();
    }

    private static final class Background {
        static {
            Thread thread = new Thread(LoggerFactory::getILoggerFactory, "studio-logging");
            thread.setDaemon(true);
            thread.start();
        }

        static void begun() {
            // the class's first use starts the thread
        }
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty(DIR, Path.of(System.getProperty("java.io.tmpdir"), "endpoint-studio-logs")
                .toString());
        configure(context, Path.of(dir), System.getProperty(NAME, WINDOW_LOG));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Logs to {@code name}.log in {@code dir}, rolled daily and at 10 MB, 14 days and 100 MB kept. */
    static void configure(LoggerContext context, Path dir, String name) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve(name + ".log").toString());
        file.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve(name + ".%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        // wire-level SDK logging could show request contents: keep it off
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        context.getLogger("org.apache.http").setLevel(Level.WARN);
    }
}
