package dev.flotilla.control;

import static dev.flotilla.testing.TimeZones.inZone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.DriftAcceptance;
import dev.flotilla.run.HistoryPosition;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A control plane shared by processes in different time zones (a CLI in Berlin, a console in UTC): every time one
 * writes, another reads as the same instant, and "newest" means the same to both. Each process is played by opening the
 * plane with the JVM's default zone set to its zone (H2 and the PostgreSQL driver take a session's zone from it).
 */
abstract class PlaneTimesAcrossZonesContract {
    static final String WRITER_ZONE = "Europe/Berlin";
    static final List<String> READER_ZONES = List.of("UTC", "Asia/Kolkata");
    private static final TenantId ACME = TenantId.of("acme");

    /** The plane's URL, its database or file not yet made. */
    abstract String url();

    /** The user the plane is opened as; null for the embedded one's own. */
    abstract String user();

    /** One of every timed record written in {@link #WRITER_ZONE}, each read back in every reader zone. */
    @Test
    void every_time_written_in_berlin_is_read_as_the_same_instant_in_utc_and_in_kolkata() {
        Instant before = Instant.now();
        String[] deployments = inZone(WRITER_ZONE, this::writeOneOfEach);
        Instant after = Instant.now();

        for (String zone : READER_ZONES) {
            Map<String, Instant> read = inZone(zone, () -> {
                try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                    return timesRead(plane, deployments[0], deployments[1]);
                }
            });
            assertThat(read).as("read in %s what was written in %s between %s and %s", zone, WRITER_ZONE, before, after)
                    .allSatisfy((what, at) -> assertThat(at).as(what + " read in " + zone)
                            .isBetween(before.minusMillis(1), after.plusMillis(1)));
        }
    }

    /**
     * The plane's own history ({@code flotilla_schema_history}, a zone-less time) is written in UTC, as every other time
     * the plane keeps, by a process in Berlin too, and read back as the instant it was written at in any zone.
     */
    @Test
    void the_planes_own_history_made_in_berlin_keeps_utc_times_and_reads_them_as_written_in_kolkata() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        inZone(WRITER_ZONE, () -> {
            open(Heartbeat.DEFAULT_PERIOD).close();
            return null;
        });
        Instant after = Instant.now();

        List<java.time.LocalDateTime> kept = inZone("Asia/Kolkata", () -> {
            try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                return plane.with("reading the plane's own history", c -> {
                    List<java.time.LocalDateTime> times = new java.util.ArrayList<>();
                    try (var rows = c.createStatement().executeQuery("SELECT installed_on FROM \""
                            + ControlPlaneSchema.HISTORY_TABLE + "\" ORDER BY installed_rank")) {
                        while (rows.next()) {
                            times.add(rows.getObject(1, java.time.LocalDateTime.class));
                        }
                    }
                    return times;
                });
            }
        });
        List<Instant> read = inZone("Asia/Kolkata", () -> {
            try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                return plane.with("reading the plane's own history", c -> new dev.flotilla.target.HistoryTable(
                        dev.flotilla.sql.Dialect.forUrl(url()), c, dev.flotilla.sql.Dialect.forUrl(url()).currentSchema(c),
                        ControlPlaneSchema.HISTORY_TABLE, ControlPlaneSchema.HISTORY_ZONE).read().stream()
                        .map(dev.flotilla.target.AppliedMigration::installedOn).toList());
            }
        });

        assertThat(kept).as("one row a migration of the plane's own, each UTC's wall clock")
                .hasSize(ControlPlaneSchema.OWN_MIGRATIONS.size()).allSatisfy(t -> assertThat(t.toInstant(java.time.ZoneOffset.UTC))
                        .isBetween(before.minusMillis(1), after.plusMillis(1)));
        assertThat(read).as("read in Kolkata").allSatisfy(at -> assertThat(at).isBetween(before.minusMillis(1), after.plusMillis(1)));
    }

    /** The deployments list and a tenant's last test order by the time each was started, whichever zone started it. */
    @Test
    void a_deployment_and_a_dry_run_started_later_in_another_zone_are_the_newest() {
        inZone(WRITER_ZONE, () -> {
            try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                startAndEndDryRun(plane, "dry-first");
                return plane.deployments().create("berlin", "c=1", List.of(new DeploymentStore.NewTask(ACME, 1)));
            }
        });
        for (String zone : READER_ZONES) {
            inZone(zone, () -> {
                try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                    String later = plane.deployments().create("ops", "c=1", List.of(new DeploymentStore.NewTask(ACME, 1)));
                    startAndEndDryRun(plane, "dry-" + zone.replace('/', '-'));

                    assertThat(plane.deployments().newest(1)).as("newest deployment, %s after %s", zone, WRITER_ZONE)
                            .extracting(DeploymentRecord::id).containsExactly(later);
                    assertThat(plane.dryRuns().latestTest(ACME)).as("last test, %s after %s", zone, WRITER_ZONE)
                            .hasValueSatisfying(t -> assertThat(t.dryRun()).isEqualTo("dry-" + zone.replace('/', '-')));
                }
                return null;
            });
        }
    }

    /**
     * A time an older Flotilla wrote (the wall-clock time of its zone, in a TIMESTAMP column) is read, once V20 made the
     * column an instant, as a time of the zone the upgrading process runs in: right when the older one ran there too.
     * The plane is put back as it was before V20 by hand (the column, the index, V20's history row; V21 to
     * V27 undone).
     */
    @Test
    void a_time_an_older_flotilla_wrote_in_berlin_is_read_as_a_berlin_time_once_a_process_in_berlin_upgrades_the_plane() {
        inZone(WRITER_ZONE, () -> {
            try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                plane.write("putting the plane back before V20", c -> {
                    Jdbc.execute(c, "ALTER TABLE deployment_tasks DROP COLUMN time_zone"); // V21's
                    Jdbc.execute(c, "DROP INDEX idx_audit_log_deployment");
                    Jdbc.execute(c, "ALTER TABLE audit_log ALTER COLUMN happened_at SET DATA TYPE TIMESTAMP");
                    // V22 (API tokens' expiry and revocation) undone too, or V20 would be pending below an applied version.
                    Jdbc.execute(c, "ALTER TABLE api_tokens DROP COLUMN expires_at");
                    Jdbc.execute(c, "ALTER TABLE api_tokens DROP COLUMN revoked_at");
                    // V23 (dry runs' error codes), V24 (indexes on tenants' tasks and entries) and V25 (where a fleet
                    // dry run started) and V26 (an index on fleet dry runs) and V27 (tenants' baselines) and V28 (dry runs' times and warnings) as well.
                    Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN time_ms"); // V28's
                    Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN warning");
                    Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN warning");
                    Jdbc.execute(c, "ALTER TABLE tenants DROP COLUMN baseline_version"); // V27's
                    Jdbc.execute(c, "DROP INDEX idx_fleet_dry_runs_started"); // V26's
                    Jdbc.execute(c, "ALTER TABLE fleet_dry_runs DROP COLUMN started_from");
                    Jdbc.execute(c, "DROP INDEX idx_deployment_tasks_tenant");
                    Jdbc.execute(c, "DROP INDEX idx_audit_log_tenant");
                    Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN error_code");
                    Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error");
                    Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error_code");
                    Jdbc.execute(c, "DELETE FROM \"" + ControlPlaneSchema.HISTORY_TABLE + "\" WHERE version IN ('20', '21', '22',"
                            + " '23', '24', '25', '26', '27', '28')");
                    // Berlin's summer time, two hours ahead of UTC, as an older Flotilla in Berlin wrote it.
                    Jdbc.execute(c, "INSERT INTO audit_log (happened_at, actor, action) VALUES"
                            + " (TIMESTAMP '2026-07-01 12:00:00', 'old', 'old.entry')");
                    return null;
                });
            }
            return null;
        });
        assertThat(newestAuditEntryReadIn(WRITER_ZONE)).as("read by the upgrading process")
                .isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(newestAuditEntryReadIn("UTC")).as("read again in another zone").isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    }

    private Instant newestAuditEntryReadIn(String zone) {
        return inZone(zone, () -> {
            try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
                return plane.audit().newest(1).get(0).at();
            }
        });
    }

    /** The ids of a finished deployment and of one interrupted with a task's history read, then. */
    private String[] writeOneOfEach() {
        String finished;
        try (ControlPlane plane = open(Heartbeat.DEFAULT_PERIOD)) {
            plane.tenants().add(new Tenant(ACME, "Acme", null, null, List.of("eu")));
            finished = plane.deployments().create("ops", "c=1", List.of(new DeploymentStore.NewTask(ACME, 1)));
            plane.deployments().taskStarted(finished, ACME, Instant.now());
            plane.stopRequests().request(finished, "ops", null);
            plane.deployments().taskFinished(finished, ACME,
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1"), TaskError.NONE, "log", Instant.now()));
            plane.deployments().finish(finished, DeploymentStatus.STOPPED);
            plane.audit().record("ops", "deploy.finished", null, finished, "1 succeeded");
            plane.users().add("alice", "viewer", "hash", "ops");
            plane.users().addToken("alice", "ci", "token-hash", Instant.now());
            plane.users().noteTokenUse("alice", "token-hash");
            plane.users().revokeToken("alice", plane.users().tokens("alice").get(0).id());
            plane.verifications().record(ACME, null, "verify", List.of());
            plane.dryRuns().record(ACME, List.of("1"), "c1", "success", null);
            startAndEndDryRun(plane, "dry-1");
            plane.backups().record("manual-1", null, ACME, Path.of("/backups/manual-1/acme.sql"), 1, "sha", 1, "fp");
            plane.drift().record(List.of(new TenantDrift(ACME, null, TenantDrift.Status.CLEAN, "fp", "fp", null, null, null,
                    null)));
            plane.acceptances().record(new DriftAcceptance(ACME, "postgresql", new HistoryPosition(1, "digest", "version 1"),
                    "fp", 6, List.of("CREATE TABLE t (id INT)"), null, "alice", Instant.now()));
        }
        // A heartbeat of 1 ms: the deployment is interrupted 3 ms after it started, and its task's history is then read.
        try (ControlPlane plane = open(Duration.ofMillis(1))) {
            String interrupted = plane.deployments().create("ops", "c=1", List.of(new DeploymentStore.NewTask(ACME, 1)));
            plane.deployments().taskStarted(interrupted, ACME, Instant.now());
            while (plane.deployments().require(interrupted).status() != DeploymentStatus.INTERRUPTED) {
                Thread.onSpinWait();
            }
            assertThat(plane.deployments().taskReconciled(interrupted, ACME, List.of(), "INTERRUPTED", "read")).isTrue();
            return new String[] {finished, interrupted};
        }
    }

    private static void startAndEndDryRun(ControlPlane plane, String id) {
        plane.dryRuns().started(id, "ops", List.of("1"), Map.of("V1__a.sql", "1"), List.of(ACME));
        plane.dryRuns().finished(id, 5, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null)));
    }

    private static Map<String, Instant> timesRead(ControlPlane plane, String finished, String interrupted) {
        Map<String, Instant> times = new LinkedHashMap<>();
        DeploymentRecord deployment = plane.deployments().require(finished);
        times.put("deployment started", deployment.startedAt());
        times.put("deployment finished", deployment.finishedAt());
        times.put("stop requested", deployment.stopRequest().at());
        TaskRecord task = plane.deployments().tasks(finished).get(0);
        times.put("task started", task.startedAt());
        times.put("task finished", task.finishedAt());
        times.put("task's history read", plane.deployments().tasks(interrupted).get(0).reconciledAt());
        times.put("audit entry", plane.audit().newest(1).get(0).at());
        times.put("tenant updated", plane.tenants().find(ACME).orElseThrow().updatedAt());
        times.put("user created", plane.users().find("alice").orElseThrow().createdAt());
        UserStore.Token token = plane.users().tokens("alice").get(0);
        times.put("token created", token.createdAt());
        times.put("token used", token.lastUsedAt());
        times.put("token expires", token.expiresAt());
        times.put("token revoked", token.revokedAt());
        times.put("verification", plane.verifications().latest(ACME).orElseThrow().at());
        times.put("dry run", plane.dryRuns().latest(ACME).orElseThrow().at());
        DryRunStore.LastTest test = plane.dryRuns().latestTest(ACME).orElseThrow();
        times.put("console dry run started", test.started());
        times.put("console dry run finished", test.finished());
        FleetDryRunRecord run = plane.dryRuns().fleetRun("dry-1").orElseThrow();
        times.put("fleet dry run started", run.started());
        times.put("fleet dry run finished", run.finished());
        times.put("backup", plane.backups().find("manual-1", ACME).orElseThrow().createdAt());
        times.put("drift check", plane.drift().latest(ACME).orElseThrow().at());
        times.put("drift acceptance", plane.acceptances().find(ACME).orElseThrow().acceptedAt());
        return times;
    }

    private ControlPlane open(Duration heartbeat) {
        return ControlPlane.open(url(), user(), null, heartbeat);
    }
}
