package com.endpointstudio.cli;

import picocli.CommandLine.Command;

/** The root of the headless command line; with no subcommand the launcher opens the window. */
@Command(name = "endpoint-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Package models, deploy and test Amazon SageMaker endpoints (or local ones)."
                + "%nRun without arguments to open the studio window.",
        subcommands = {WhoamiCommand.class, PackageCommand.class, ImageUriCommand.class, SpecCommand.class, DeployCommand.class,
                ExportCommand.class, InvokeCommand.class, LoadTestCommand.class, MetricsCommand.class,
                EndpointsCommand.class, ComponentsCommand.class, ByocCommand.class, RecommendCommand.class,
                BucketCommand.class, TransformCommand.class})
public final class StudioCommand {
}
