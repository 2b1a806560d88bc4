package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.AuditLog;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.Runner;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.OtherProcesses;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A console killed mid dry run (kill -9) leaves the run recorded as running and its scratch database on the tenant's
 * server. The next console to start ends that run as interrupted (in its record and the audit log) and drops that
 * scratch, and leaves alone the run and the scratch of a process that still runs; the API says the one interrupted
 * (a status of its own), the other unfinished. The two processes are real: one already
 * ended, one sleeping until the test ends; their runs and scratch are written as their consoles would have.
 */
class KilledRunsIT {
    @TempDir
    Path folder;
    private final OtherProcesses processes = new OtherProcesses();
    private final List<String> made = new ArrayList<>();
    /** The test server of the dialect, as its administrator (TestDatabases: the user that may create databases). */
    private TargetSpec server;

    @AfterEach
    void tearDown() throws Exception {
        processes.close();
        try (Connection admin = TestDatabases.connect(server); Statement statement = admin.createStatement()) {
            for (String name : made) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_starting_console_ends_a_killed_processs_dry_run_as_interrupted_and_drops_its_scratch_but_not_a_running_ones(String dialect)
            throws Exception {
        server = dialect.equals("postgresql") ? TestDatabases.postgres(null) : TestDatabases.mariadb(null);
        long killed = processes.ended();
        long running = processes.running();
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(folder), ControlPlane.EMBEDDED_USER, null)) {
            ConsoleFleet fleet = new ConsoleFleet(plane, new Tenancy(TenancyModel.SCHEMA_PER_TENANT, server.url(), null,
                    "scratch_h_{tenant}", server.user(), null, null),
                    new TargetOptions(null, folder, Map.of(), null, null, null, null, null, "test"), FleetOptions.defaults(),
                    DryRunOptions.DEFAULTS);
            plane.tenants().add(new Tenant(TenantId.of("t1"), "T1", null, null, List.of()));
            plane.dryRuns().started("killed-run", "olivia", List.of("1"), Map.of(), List.of(TenantId.of("t1")));
            plane.dryRuns().started("running-run", "victor", List.of("1"), Map.of(), List.of(TenantId.of("t1")));
            ranBy("killed-run", killed);
            ranBy("running-run", running);
            String killedScratch = scratchOf(killed);
            String runningScratch = scratchOf(running);

            try (WebConsole console = WebConsole.start(fleet, WebSettings.local(0))) {
                assertThat(console.awaitIdle(Duration.ofSeconds(60))).isTrue();
            }

            assertThat(plane.dryRuns().fleetRun("killed-run").orElseThrow()).satisfies(run -> {
                assertThat(run.done()).isTrue();
                assertThat(run.error()).contains("Interrupted", ":" + killed + " ");
                assertThat(DryRunJson.of(run).get("status")).as("the API's status").isEqualTo("interrupted");
            });
            assertThat(plane.dryRuns().fleetRun("running-run").orElseThrow().done()).as("its process still runs").isFalse();
            assertThat(DryRunJson.of(plane.dryRuns().fleetRun("running-run").orElseThrow()).get("status")).isEqualTo("unfinished");
            assertThat(plane.audit().page(new AuditLog.Filter(null, "dry-run.finished", null), 0, 10)).singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.actor()).isEqualTo("olivia");
                        assertThat(entry.outcome()).isEqualTo("interrupted");
                        assertThat(entry.details()).contains("killed-run");
                    });
            assertThat(databases()).contains(runningScratch).doesNotContain(killedScratch);
        }
    }

    /** Writes the run's process as that of {@code pid} on this machine, as a console of that process would have. */
    private void ranBy(String dryRun, long pid) throws Exception {
        String label = Runner.current().replaceFirst(":\\d+ pidns ", ":" + pid + " pidns ");
        try (Connection plane = DriverManager.getConnection(ControlPlane.embeddedUrl(folder), ControlPlane.EMBEDDED_USER, "");
             var update = plane.prepareStatement("UPDATE fleet_dry_runs SET runner = ? WHERE id = ?")) {
            update.setString(1, label);
            update.setString(2, dryRun);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    /** A scratch database as a dry run of process {@code pid} on this machine names it. */
    private String scratchOf(long pid) throws Exception {
        String name = "flotilla_dry_" + DateTimeFormatter.ofPattern("yyMMddHHmmss").format(ZonedDateTime.now(ZoneOffset.UTC))
                + "_" + String.format("%06x", made.size()) + "_p" + pid + "_" + Runner.place();
        try (Connection admin = TestDatabases.connect(server); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        made.add(name);
        return name;
    }

    private List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection admin = TestDatabases.connect(server); Statement statement = admin.createStatement();
             var rows = statement.executeQuery(server.url().startsWith("jdbc:postgresql:") ? "SELECT datname FROM pg_database"
                     : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
