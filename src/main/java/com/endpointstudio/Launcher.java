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

    private Launcher() {
    }

    public static void main(String[] args) {
        var loadGenerator = LoadGeneratorJvm.relaunch(args, System.getProperties());
        if (loadGenerator.isPresent()) {
            System.exit(LoadGeneratorJvm.run(loadGenerator.get()));
        }
        System.setProperty("endpointstudio.logdir", StudioPaths.forCurrentUser().logDir().toString());
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
