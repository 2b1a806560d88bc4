package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.web.auth.Accounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", header = "Create an API token for a console user, for a CI job.",
        description = {"Create an API token for a console user, for a CI job (Authorization: Bearer ...):",
        "printed once, kept only as a hash. It acts with the user's role; `user remove` takes it away."})
final class UserTokenCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user the token acts as.")
    String user;

    @Option(names = "--label", required = true, paramLabel = "LABEL", description = "What it is for, e.g. ci-pipeline (1-100 characters).")
    String label;

    UserTokenCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "user token";
    }

    @Override
    int execute() {
        if (plane().users().find(user).isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No console user " + user + "; `flotilla user list` shows them,"
                    + " `flotilla user add` adds one.");
        }
        String token = new Accounts(plane().users()).createToken(user, label);
        plane().audit().record(actor(), "token.created", null, null, "for " + user + ", label " + label.trim());
        output.line("API token for " + user + " (" + label.trim() + "), shown only now: " + token);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", user);
        data.put("label", label.trim());
        data.put("token", token);
        return output.finish(name(), data, List.of());
    }
}
