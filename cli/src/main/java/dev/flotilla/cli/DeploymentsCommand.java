package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla deployments ...}: the durable record of deployments. */
@Command(name = "deployments", description = "List deployments, show one, or stop a running one.",
        subcommands = {DeploymentsListCommand.class, DeploymentsShowCommand.class, DeploymentsStopCommand.class})
final class DeploymentsCommand extends CommandGroup {
    @Override
    String example() {
        return "flotilla deployments list";
    }
}
