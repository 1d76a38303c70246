package com.endpointstudio.cli;

import picocli.CommandLine.Command;

/** Groups the commands that make deployment spec files. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Create deployment spec files: new, from an existing endpoint, or as a clone of another.",
        subcommands = {SpecNewCommand.class, SpecFromEndpointCommand.class, SpecCloneCommand.class})
public final class SpecCommand {
}
