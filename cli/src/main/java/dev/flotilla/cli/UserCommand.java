package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla user ...}: the web console's users. */
@Command(name = "user", description = "Manage the web console's users.",
        subcommands = {UserAddCommand.class, UserListCommand.class, UserRemoveCommand.class, UserTokenCommand.class})
final class UserCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GroupOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: say which, e.g. `flotilla user add NAME --role viewer`");
    }
}
