package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", header = "Remove a console user and their API tokens.",
        description = {"Remove a console user, with their API tokens. A console that is running refuses",
        "their session and tokens from the next request on."})
final class UserRemoveCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String user;

    UserRemoveCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "user remove";
    }

    @Override
    int execute() {
        if (!plane().users().remove(user)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No console user " + user + "; `flotilla user list` shows them.");
        }
        plane().audit().record(actor(), "user.removed", null, null, user);
        output.line("Removed " + user + " and their API tokens.");
        return output.finish(name(), Map.of("user", user), List.of());
    }
}
