package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla backups ...}: the backups the control plane keeps, the deployments' and those taken on demand. */
@Command(name = "backups", header = "List the backups kept.",
        description = "List the backups kept: deployments' and those taken with `backup`.",
        subcommands = BackupsListCommand.class)
final class BackupsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GroupOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: say which, e.g. `flotilla backups list`");
    }
}
