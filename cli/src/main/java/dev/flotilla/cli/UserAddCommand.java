package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.Role;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", header = "Add a console user.",
        description = {"Add a console user. The password comes from --password-env, or is generated and",
        "printed once. Roles: platform_super_admin (deploy, rollback, restore, users), operator (dry run, verify), viewer."})
final class UserAddCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String user;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "platform_super_admin, operator or viewer.")
    String role;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password (12+ characters).")
    String passwordEnv;

    UserAddCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "user add";
    }

    @Override
    int execute() {
        Role parsed = Role.parse(role);
        if (passwordEnv == null && output.json()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "With --json, pass the password with --password-env VAR:"
                    + " a generated password is never put in JSON output.");
        }
        Accounts accounts = new Accounts(plane().users());
        if (passwordEnv != null) {
            Passwords.requireVariableName(passwordEnv, "--password-env", ErrorCode.BAD_USAGE);
            String password = environment.get(passwordEnv);
            if (password == null) {
                throw Passwords.unset(passwordEnv, "--password-env", ErrorCode.BAD_USAGE);
            }
            accounts.add(user, parsed, password.toCharArray(), actor());
            output.line("Added " + user + " as " + parsed.word() + ".");
        } else {
            char[] password = accounts.addWithGeneratedPassword(user, parsed, actor());
            output.line("Added " + user + " as " + parsed.word() + " with password " + new String(password) + " (shown only now).");
        }
        plane().audit().record(actor(), "user.added", null, null, user + " as " + parsed.word());
        return output.finish(name(), Map.of("user", user, "role", parsed.word()), java.util.List.of());
    }
}
