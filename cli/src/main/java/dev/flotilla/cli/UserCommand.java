package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla user ...}: the web console's users. */
@Command(name = "user", description = "Manage the web console's users.",
        subcommands = {UserAddCommand.class, UserListCommand.class, UserRemoveCommand.class, UserTokenCommand.class})
final class UserCommand extends CommandGroup {
    @Override
    String example() {
        return "flotilla user add NAME --role viewer";
    }
}
