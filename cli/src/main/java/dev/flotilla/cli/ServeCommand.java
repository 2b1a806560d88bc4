package dev.flotilla.cli;

import dev.flotilla.web.WebConsole;
import dev.flotilla.web.WebSettings;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", header = "Start the web console and REST API; stop with Ctrl-C.",
        description = "Start the web console and REST API on the configured fleet; stop with Ctrl-C.")
final class ServeCommand extends FleetCommand {
    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: 7070; 0 picks a free one).")
    int port = 7070;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: 127.0.0.1, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--secure-cookies", description = "Mark the session cookie Secure even on plain HTTP (behind a TLS proxy).")
    boolean secureCookies;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", split = ",", description = "A reverse proxy's address whose"
            + " X-Forwarded-For names the client (login throttle, audit log); repeat or separate with commas.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    ServeCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "serve";
    }

    @Override
    boolean runsUntilSignalled() {
        return true;
    }

    @Override
    int execute() {
        return Serving.serve(output, consoleFleet(context()), new WebSettings(host, port, secureCookies, java.util.Set.copyOf(trustedProxies)));
    }

    /** The fleet as the web console sees it: deploys with the configured concurrency, retries, hooks, checks and backups. */
    static dev.flotilla.web.ConsoleFleet consoleFleet(FleetContext context) {
        var config = context.config();
        var deploy = config.deploy();
        var hooks = config.hooks();
        var backup = config.backup();
        dev.flotilla.run.FleetOptions options = new dev.flotilla.run.FleetOptions(deploy.concurrency(), deploy.perServer(),
                java.util.List.of(), 0, false, deploy.retries(), deploy.retryBackoff(), new dev.flotilla.run.Hooks(hooks.beforeDeployment(),
                hooks.afterDeployment(), hooks.beforeTenant(), hooks.afterTenant()), context.actor(), context.verifyOptions(),
                deploy.backup() ? new dev.flotilla.backup.BackupPolicy(backup.dir(), backup.keep()) : null);
        context.plane().tenants().passwordVariables().forEach(dev.flotilla.target.ChildEnvironment::withhold);
        return new dev.flotilla.web.ConsoleFleet(context.plane(), context.tenancy(),
                context.template(dev.flotilla.plan.ValidationPolicy.STRICT), options,
                context.dryRunOptions(config.dryRun().mode(), config.dryRun().sampleRows(), false))
                .requiringTests(deploy.requireTested());
    }

    /**
     * The warning for a console bound where other machines reach it: it speaks plain HTTP, so passwords, session cookies
     * and API tokens cross the network readable. None for a loopback address (or a name that does not resolve: binding
     * fails then, with its own message).
     */
    static java.util.Optional<String> plainHttpWarning(String host) {
        try {
            if (java.net.InetAddress.getByName(host).isLoopbackAddress()) {
                return java.util.Optional.empty();
            }
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the console speaks plain HTTP and --host " + host + " lets other machines reach it:"
                + " passwords, session cookies and API tokens would cross the network unencrypted. Serve it behind a TLS"
                + " reverse proxy (with --secure-cookies and --trusted-proxy), or bind 127.0.0.1.");
    }

    /** Runs a console until the process is told to stop, then lets running work finish. */
    static final class Serving {
        private Serving() {
        }

        static int serve(Output output, dev.flotilla.web.ConsoleFleet fleet, WebSettings settings) {
            if (fleet.plane().users().all().isEmpty()) {
                output.warn("no console users yet: add one with `flotilla user add NAME --role platform_super_admin`.");
            }
            plainHttpWarning(settings.host()).ifPresent(output::warn);
            WebConsole console = WebConsole.start(fleet, settings);
            output.line("Flotilla console on http://" + settings.host() + ":" + console.port() + "/ (Ctrl-C stops it)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                console.stop();
                stopped.countDown();
            }, "flotilla-console-stop"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
