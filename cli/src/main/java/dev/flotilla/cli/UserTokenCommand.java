package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.TokenLifetime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", header = "Create an API token for a console user, for a CI job.",
        description = {"Create an API token for a console user, for a CI job (Authorization: Bearer ...):",
        "printed once, kept only as a hash. It acts with the user's role until it expires (--expires), is revoked on",
        "the console's API tokens page, or `user remove` takes it away."})
final class UserTokenCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user the token acts as.")
    String user;

    @Option(names = "--label", required = true, paramLabel = "LABEL", description = "What it is for, e.g. ci-pipeline (1-100 characters).")
    String label;

    @Option(names = "--expires", paramLabel = "DAYS|never", description = "How long it works: a number of days followed by"
            + " 'd' (1d-3650d; default 90d), or never (it works until revoked).")
    String expires;

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
        TokenLifetime lifetime = TokenLifetime.parse(expires, "--expires");
        Accounts.IssuedToken token = new Accounts(plane().users()).issueToken(user, label, lifetime);
        String expiry = TokenLifetime.expiryWords(token.expiresAt());
        plane().audit().record(actor(), "token.created", null, null, "for " + user + ", label " + label.trim() + ", " + expiry);
        output.line("API token for " + user + " (" + label.trim() + "), " + expiry + ", shown only now: " + token.value());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", user);
        data.put("label", label.trim());
        data.put("token", token.value());
        data.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        return output.finish(name(), data, List.of());
    }
}
