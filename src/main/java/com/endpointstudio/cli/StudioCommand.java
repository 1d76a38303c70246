package com.endpointstudio.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The root of the headless command line; with no subcommand the launcher opens the window. */
@Command(name = "endpoint-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Package models, deploy and test Amazon SageMaker endpoints (or local ones)."
                + "%nRun without arguments to open the studio window.")
public final class StudioCommand {

    /** The commands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(WhoamiCommand.class, PackageCommand.class, ImageUriCommand.class,
            SpecCommand.class, DeployCommand.class, ExportCommand.class, InvokeCommand.class, LoadTestCommand.class,
            MetricsCommand.class, EndpointsCommand.class, ComponentsCommand.class, ByocCommand.class,
            RecommendCommand.class, BucketCommand.class, TransformCommand.class, DoctorCommand.class);

    /**
     * The commands a command line needs: the one it names, when it names one, since picocli reads every
     * option of every command it is given before any work starts (a fifth of a second for all of them);
     * all of them for the help, the version, or a name that matches none (whose error suggests the near ones).
     */
    static List<Class<?>> needed(String... args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(command);
                }
            }
        }
        return COMMANDS;
    }
}
