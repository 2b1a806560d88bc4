package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla backups ...}: the backups the control plane keeps, the deployments' and those taken on demand. */
@Command(name = "backups", header = "List the backups kept.",
        description = "List the backups kept: deployments' and those taken with `backup`.",
        subcommands = BackupsListCommand.class)
final class BackupsCommand extends CommandGroup {
    @Override
    String example() {
        return "flotilla backups list";
    }
}
