package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a command line against the studio's services and returns its exit code. */
public final class Cli {

    /** Exit code of a command whose work failed (an AWS error, a failed deploy, …). */
    public static final int FAILED = 1;
    /** Exit code of bad input: an unknown option, or a value the API would refuse. */
    public static final int BAD_INPUT = 2;

    private Cli() {
    }

    public static int run(StudioServices services, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new StudioCommand(), new ServicesFactory(services));
        // added before the settings below, which reach the commands there are when they are made
        StudioCommand.needed(args).forEach(commandLine::addSubcommand);
        // `--body @FILE` names a request body; picocli would otherwise read @FILE as more arguments.
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof ValidationException) {
                cmd.getErr().println("error: " + error.getMessage());
                return BAD_INPUT;
            }
            if (error instanceof StudioException studio) {
                cmd.getErr().println("error: " + studio.getMessage());
                studio.errorCode().ifPresent(code -> cmd.getErr().println("  error code: " + code));
                studio.requestId().ifPresent(id -> cmd.getErr().println("  request id: " + id));
                return FAILED;
            }
            throw error;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Gives commands the services by constructor; everything else picocli builds itself. */
    private record ServicesFactory(StudioServices services) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getConstructor(StudioServices.class).newInstance(services);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
