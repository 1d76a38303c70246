package com.endpointstudio;

import com.endpointstudio.app.StudioApp;
import com.endpointstudio.app.StudioServices;
import com.endpointstudio.cli.Cli;
import com.endpointstudio.cli.LoadGeneratorJvm;
import com.endpointstudio.core.io.StudioPaths;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import javafx.application.Application;

/**
 * The one entry point: no arguments opens the studio window, anything else runs the command
 * line. Not an {@link Application} itself, so it starts with JavaFX on the class path too.
 */
public final class Launcher {

    /** The log file's name (without .log) for commands: the window's is endpoint-studio (LogConfiguration). */
    static final String COMMAND_LOG = "endpoint-studio-cli";
    
    private Launcher() {
    }

    /**
     * The log file's name for these arguments: the commands' own, as a command may run beside the window
     * (the window's load generator does); null for the window's, LogConfiguration's default.
     */
    static String logName(String[] args) {
        return args.length > 0 && !args[0].equals("--smoke-test") ? COMMAND_LOG : null;
    }

    public static void main(String[] args) {
        var loadGenerator = LoadGeneratorJvm.relaunch(args, System.getProperties());
        if (loadGenerator.isPresent()) {
            System.exit(LoadGeneratorJvm.run(loadGenerator.get()));
        }
        System.setProperty(LogConfiguration.DIR, StudioPaths.forCurrentUser().logDir().toString());
        if (logName(args) != null) {
            System.setProperty(LogConfiguration.NAME, logName(args));
        }
        if (args.length == 0) {
            StudioApp.prepare();
            Application.launch(StudioApp.class, args);
            return;
        }
        if (args.length == 1 && args[0].equals("--smoke-test")) {
            // opens the main window, checks it rendered, prints the time to the first frame, exits
            System.setProperty(StudioApp.SMOKE_TEST, "true");
            StudioApp.prepare();
            Application.launch(StudioApp.class);
            System.exit(0);
        }
        int code;
        try (StudioServices services = StudioServices.forCurrentUser()) {
            code = Cli.run(services,
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
        }
        System.exit(code);
    }
}
