package dev.flotilla.web;

import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.demo.DemoFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A console on a fresh demo fleet in a temporary folder (a copy of {@link DemoTemplate}), with one user per role. */
final class DemoConsole implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-password-123";
    static final String OPERATOR_PASSWORD = "operator-password-123";
    static final String VIEWER_PASSWORD = "viewer-password-123";

    final ConsoleFleet fleet;
    final Accounts accounts;
    private final WebSettings settings;
    WebConsole console;

    DemoConsole(Path folder) {
        this(folder, UnaryOperator.identity());
    }

    /** @param adjust changes the demo fleet before the console starts (slower tenants, a tenancy password) */
    DemoConsole(Path folder, UnaryOperator<ConsoleFleet> adjust) {
        this(folder, adjust, WebSettings.local(0));
    }

    DemoConsole(Path folder, UnaryOperator<ConsoleFleet> adjust, WebSettings settings) {
        DemoTemplate.copyTo(folder);
        fleet = adjust.apply(DemoFleet.open(folder));
        accounts = new Accounts(fleet.plane().users());
        this.settings = settings;
        console = WebConsole.start(fleet, settings);
    }

    /** Adds the users of every demo console, one per role. */
    static void addUsers(Accounts accounts) {
        accounts.add("admin", Role.PLATFORM_SUPER_ADMIN, ADMIN_PASSWORD.toCharArray(), "test");
        accounts.add("olivia", Role.OPERATOR, OPERATOR_PASSWORD.toCharArray(), "test");
        accounts.add("victor", Role.VIEWER, VIEWER_PASSWORD.toCharArray(), "test");
    }

    /** Stops the console once its work has ended, and starts a new one on the same fleet and control plane: a restart. */
    void restart() throws InterruptedException {
        console.stop();
        console.awaitWork(Duration.ofSeconds(60));
        console = WebConsole.start(fleet, settings);
    }

    /**
     * One tenant at a time, each held before its migrations (a beforeTenant hook) until {@code gate}/release exists (or,
     * for it alone, {@code gate}/release-TENANT), having written {@code gate}/started-TENANT: a deployment that runs until
     * the test lets it go.
     */
    static UnaryOperator<ConsoleFleet> heldTenants(Path gate) {
        return fleet -> {
            dev.flotilla.run.FleetOptions d = fleet.deploy();
            String hold = "touch '" + gate + "/started-'\"$FLOTILLA_TENANT\"; while [ ! -f '" + gate + "/release' ]"
                    + " && [ ! -f '" + gate + "/release-'\"$FLOTILLA_TENANT\" ]; do sleep 0.05; done";
            return new ConsoleFleet(fleet.plane(), fleet.tenancy(), fleet.template(), new dev.flotilla.run.FleetOptions(1, 1,
                    d.canary(), d.canaryPercent(), d.continueOnError(), d.retries(), d.retryBackoff(),
                    new dev.flotilla.run.Hooks(null, null, hold, null), d.actor(), d.verify(), d.backup()), fleet.dryRun());
        };
    }

    /** The tenants a {@link #heldTenants} fleet has started (held or let go), by the files its hook wrote. */
    static java.util.Set<String> started(Path gate) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(gate)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("started-"))
                    .map(n -> n.substring("started-".length())).collect(java.util.stream.Collectors.toSet());
        }
    }

    /**
     * A deployment of version 2 to every tenant, run from the command line one tenant at a time (by name) with these
     * canaries; a tenant given a table V2 creates (serial_quarantine) fails there, and the tenants after it are skipped.
     */
    String deployedOneByOne(java.util.List<dev.flotilla.tenant.TenantId> canary) {
        dev.flotilla.run.FleetOptions d = fleet.deployAs("root");
        dev.flotilla.run.FleetOptions oneByOne = new dev.flotilla.run.FleetOptions(1, d.perServer(), canary, 0, false,
                d.retries(), d.retryBackoff(), d.hooks(), d.actor(), d.verify(), d.backup());
        dev.flotilla.migration.LoadedMigrations all = fleet.loadMigrations();
        var tenants = fleet.plane().tenants().all().stream().map(dev.flotilla.control.TenantRecord::tenant).toList();
        return new dev.flotilla.run.FleetRunner(fleet.plane(), fleet.template(), all, oneByOne, dev.flotilla.run.FleetListener.SILENT)
                .upTo(dev.flotilla.web.fleet.MigrationFiles.newest(all, java.util.List.of("2"))).deploy(fleet.targets(tenants))
                .deployment();
    }

    String url(String path) {
        return "http://127.0.0.1:" + console.port() + path;
    }

    /**
     * Stops the console and waits for what it started (a dry run a test asked for and did not wait on) before
     * closing the control plane: work still writing to the folder would race the test's cleanup of it.
     */
    @Override
    public void close() throws InterruptedException {
        console.stop();
        console.awaitWork(Duration.ofSeconds(60));
        fleet.plane().close();
    }
}
