package dev.flotilla.cli;

import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.WebSettings;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.demo.DemoFleet;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", header = "Create a demo fleet and serve the console on it.",
        description = {"Create a demo fleet (SQLite tenant databases such as maison_atelier and default,",
        "with migrations pending) and serve the console on it. The admin's password is printed once, when it is made."})
final class DemoCommand extends FlotillaSubcommand {
    @Option(names = "--dir", paramLabel = "DIR", description = "Where the demo fleet lives (default: ./flotilla-demo).")
    Path dir = Path.of("flotilla-demo");

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: 7070).")
    int port = 7070;

    DemoCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "demo";
    }

    @Override
    int execute() {
        ConsoleFleet fleet = DemoFleet.open(dir);
        try {
            Accounts accounts = new Accounts(fleet.plane().users());
            if (accounts.store().find("admin").isEmpty()) {
                char[] password = accounts.addWithGeneratedPassword("admin", Role.PLATFORM_SUPER_ADMIN, "demo");
                output.line("Demo fleet in " + dir.toAbsolutePath().normalize() + ": " + fleet.plane().tenants().count(null, null)
                        + " tenants. Sign in as admin with password " + new String(password) + " (shown only now)."
                        + " Fleet commands run in that folder work on it (its flotilla.yml).");
            } else {
                output.line("Demo fleet in " + dir.toAbsolutePath().normalize() + " (admin's password was printed when it was made).");
            }
            return ServeCommand.Serving.serve(output, fleet, WebSettings.local(port));
        } finally {
            fleet.plane().close();
        }
    }
}
