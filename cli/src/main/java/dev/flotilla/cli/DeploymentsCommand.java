package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla deployments ...}: the durable record of deployments. */
@Command(name = "deployments", description = "List deployments, show one, or stop a running one.",
        subcommands = {DeploymentsListCommand.class, DeploymentsShowCommand.class, DeploymentsStopCommand.class})
final class DeploymentsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GroupOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: say which, e.g. `flotilla deployments list`");
    }
}
