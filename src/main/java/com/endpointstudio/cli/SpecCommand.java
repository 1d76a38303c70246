package com.endpointstudio.cli;

import picocli.CommandLine.Command;

/** Groups the commands that make deployment spec files. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Create deployment spec files.",
        subcommands = {SpecNewCommand.class})
public final class SpecCommand {
}
