package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each tenant's dry runs said: which versions, how it ended, the schema diff. A deployment's
 * {@code expected-objects} check compares the deployed schema with the newest dry run of the same versions. And the
 * fleet dry runs of the console, the API and the command line by their id ({@link FleetDryRunRecord}), which a deploy
 * naming one is gated on.
 */
public final class DryRunStore {
    /**
     * How many fleet dry runs the control plane keeps, the newest (as backup.keep keeps the newest backups, and the
     * console the newest jobs): a deploy naming an older one is refused as never tested, to be dry-run again.
     */
    public static final int FLEET_RUNS_KEPT = 1000;
    /** fleet_dry_runs.started_from of a dry run of the command line (V25). */
    private static final String FROM_COMMAND_LINE = "cli";
    /** How the error of a fleet dry run ended as interrupted begins ({@link #endInterrupted}, {@link FleetDryRunRecord#interrupted}). */
    static final String INTERRUPTED = "Interrupted: ";

    private final ControlPlane plane;

    DryRunStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** @param checksums the files' checksums, in the order of {@code versions} ({@link #checksums}) */
    public void record(TenantId tenant, List<String> versions, String checksums, String status, SchemaDiff diff) {
        record(tenant, versions, checksums, status, diff, null, null);
    }

    /**
     * As above, with the dry run's first error and its code (null when none): the command line's dry runs keep them as the
     * console's tests do ({@link #finished}), for the tenant's page.
     */
    public void record(TenantId tenant, List<String> versions, String checksums, String status, SchemaDiff diff, String error,
                       ErrorCode code) {
        record(tenant, versions, checksums, status, diff, error, code, null);
    }

    /** As above, with why it is a warning (its notices, its lint warnings; null when it is none), kept masked (V28). */
    public void record(TenantId tenant, List<String> versions, String checksums, String status, SchemaDiff diff, String error,
                       ErrorCode code, String warning) {
        plane.write("recording a dry run", c -> Jdbc.update(c, "INSERT INTO dry_runs (tenant_id, ran_at, versions, checksums,"
                + " status, diff, error, error_code, warning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant.value(), PlaneTime.now(),
                String.join(",", versions), checksums, status, diff == null ? null : DiffText.of(diff),
                error == null ? null : truncate(plane.scrub(error)), code == null ? null : code.name(),
                warning == null ? null : truncate(plane.scrub(warning))));
    }

    /**
     * The checksums of the files of {@code versions} (a version, or a repeatable's script name), in their order, as a
     * dry run and a deployment of the same files both write them; "?" for one no file has.
     */
    public static String checksums(List<String> versions, LoadedMigrations migrations) {
        return versions.stream().map(key -> migrations.migrations().stream()
                .filter(m -> m.version() != null ? m.version().toString().equals(key) : m.script().equals(key))
                .map(Migration::checksum).findFirst().orElse("?")).collect(Collectors.joining(","));
    }

    /**
     * A tenant's newest dry run: when, of which versions, how it ended, what it would change, and its first error with
     * its code ({@link ErrorCode#name}); both null when none, and for a dry run recorded before they were kept (V23); why
     * it is a warning, null when it is none and for one recorded before V28.
     */
    public record LastDryRun(java.time.Instant at, String versions, String status, SchemaDiff diff, String error,
                             String errorCode, String warning) {
        public LastDryRun(java.time.Instant at, String versions, String status, SchemaDiff diff, String error, String errorCode) {
            this(at, versions, status, diff, error, errorCode, null);
        }

        /** Whether nothing was tried: its scratch copy could not be made (CLONE_FAILED). */
        public boolean untested() {
            return DryRunErrors.untested(status, error, errorCode);
        }
    }

    public Optional<LastDryRun> latest(TenantId tenant) {
        return plane.with("reading dry runs", c -> {
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT ran_at, versions, status, diff, error, error_code, warning"
                    + " FROM dry_runs WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", tenant.value());
                 ResultSet r = query.executeQuery()) {
                return r.next() ? Optional.of(new LastDryRun(PlaneTime.read(r, 1), r.getString(2), r.getString(3),
                        r.getString(4) == null ? null : DiffText.parse(r.getString(4)), r.getString(5), r.getString(6),
                        r.getString(7)))
                        : Optional.empty();
            }
        });
    }

    /**
     * A tenant's outcome in the newest finished console or API dry run that tested it: when it started and ended, how the
     * tenant's test ended and its first error. Kept for a tenant the run could not reach too, which {@link #latest} has
     * no record of, and with the error {@link #latest} does not keep.
     */
    public record LastTest(String dryRun, java.time.Instant started, java.time.Instant finished, String versions, String status,
                           String error, String errorCode, String warning) {
        /** Whether nothing was tried: its scratch copy could not be made (CLONE_FAILED). */
        public boolean untested() {
            return DryRunErrors.untested(status, error, errorCode);
        }
    }

    public Optional<LastTest> latestTest(TenantId tenant) {
        return plane.with("reading dry runs", c -> {
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT r.id, r.started_at, r.finished_at, r.versions, t.status,"
                    + " t.error, t.error_code, t.warning FROM fleet_dry_run_tenants t JOIN fleet_dry_runs r ON r.id = t.dry_run_id"
                    + " WHERE t.tenant_id = ? AND t.status IS NOT NULL ORDER BY r.started_at DESC, r.id DESC LIMIT 1",
                    tenant.value()); ResultSet r = query.executeQuery()) {
                return r.next() ? Optional.of(new LastTest(r.getString(1), PlaneTime.read(r, 2), PlaneTime.read(r, 3),
                        r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8))) : Optional.empty();
            }
        });
    }

    /**
     * The diff of the newest successful dry run of exactly these versions on the tenant, of the same files: a dry run
     * of another file under the same version (rewritten after a rollback) is not compared with.
     */
    public Optional<SchemaDiff> latestDiff(TenantId tenant, List<String> versions, String checksums) {
        String text = plane.with("reading dry runs", c -> Jdbc.queryString(c, "SELECT diff FROM dry_runs WHERE tenant_id = ?"
                + " AND versions = ? AND checksums = ? AND status <> 'error' AND diff IS NOT NULL ORDER BY id DESC",
                tenant.value(), String.join(",", versions), checksums));
        return text == null ? Optional.empty() : Optional.of(DiffText.parse(text));
    }

    /**
     * Records a fleet dry run as it starts: what it tests, every tenant without an outcome yet; in one transaction with
     * removing the runs beyond the newest {@value #FLEET_RUNS_KEPT}.
     */
    public void started(String id, String user, List<String> versions, Map<String, String> files, Collection<TenantId> tenants) {
        started(id, user, versions, files, false, tenants);
    }

    /** As above, {@code outOfOrder} saying whether it runs out-of-order migrations too (--out-of-order). */
    public void started(String id, String user, List<String> versions, Map<String, String> files, boolean outOfOrder,
                        Collection<TenantId> tenants) {
        started(id, user, versions, files, outOfOrder, tenants, null);
    }

    /**
     * As above, for {@code flotilla dry-run} of tenants of the fleet: kept as the console's are, so that a deploy of the
     * console or the API can name it, and said to come from the command line ({@link FleetDryRunRecord#fromCommandLine}).
     */
    public void startedFromCommandLine(String id, String user, List<String> versions, Map<String, String> files,
                                       boolean outOfOrder, Collection<TenantId> tenants) {
        started(id, user, versions, files, outOfOrder, tenants, FROM_COMMAND_LINE);
    }

    private void started(String id, String user, List<String> versions, Map<String, String> files, boolean outOfOrder,
                         Collection<TenantId> tenants, String from) {
        plane.together("recording a dry run", () -> plane.write("recording a dry run", c -> {
            Jdbc.update(c, "INSERT INTO fleet_dry_runs (id, started_by, started_at, versions, files, runner, out_of_order,"
                    + " started_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, user, PlaneTime.now(), String.join(",", versions),
                    filesText(files), Runner.current(), outOfOrder, from);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO fleet_dry_run_tenants (dry_run_id, tenant_id)"
                    + " VALUES (?, ?)")) {
                for (TenantId tenant : tenants) {
                    insert.setString(1, id);
                    insert.setString(2, tenant.value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            pruneFleetRuns(c);
            return null;
        }));
    }

    /** Removes the fleet dry runs beyond the newest {@value #FLEET_RUNS_KEPT} (by when they started), their tenants first. */
    private static void pruneFleetRuns(java.sql.Connection c) throws java.sql.SQLException {
        String count = Jdbc.queryString(c, "SELECT COUNT(*) FROM fleet_dry_runs");
        if (count == null || Long.parseLong(count) <= FLEET_RUNS_KEPT) {
            return;
        }
        List<String> older = Jdbc.queryStrings(c, "SELECT id FROM fleet_dry_runs ORDER BY started_at DESC, id DESC").stream()
                .skip(FLEET_RUNS_KEPT).toList();
        for (String id : older) {
            Jdbc.update(c, "DELETE FROM fleet_dry_run_tenants WHERE dry_run_id = ?", id);
            Jdbc.update(c, "DELETE FROM fleet_dry_runs WHERE id = ?", id);
        }
    }

    /**
     * Records how a fleet dry run ended: each tenant's outcome, or {@code error} when the run as a whole could not run
     * (then {@code outcomes} is empty); in one transaction.
     */
    public void finished(String id, long millis, String error, Map<TenantId, FleetDryRunRecord.Outcome> outcomes) {
        plane.together("recording a dry run", () -> plane.write("recording a dry run", c -> {
            Jdbc.update(c, "UPDATE fleet_dry_runs SET finished_at = ?, wall_ms = ?, error = ? WHERE id = ?", PlaneTime.now(),
                    millis, error == null ? null : truncate(plane.scrub(error)), id);
            try (PreparedStatement update = c.prepareStatement("UPDATE fleet_dry_run_tenants SET status = ?, error = ?,"
                    + " error_code = ?, time_ms = ?, warning = ? WHERE dry_run_id = ? AND tenant_id = ?")) {
                for (Map.Entry<TenantId, FleetDryRunRecord.Outcome> outcome : outcomes.entrySet()) {
                    FleetDryRunRecord.Outcome o = outcome.getValue();
                    update.setString(1, o.status());
                    update.setString(2, o.error() == null ? null : truncate(plane.scrub(o.error())));
                    update.setString(3, o.code());
                    update.setObject(4, o.millis(), java.sql.Types.BIGINT);
                    update.setString(5, o.warning() == null ? null : truncate(plane.scrub(o.warning())));
                    update.setString(6, id);
                    update.setString(7, outcome.getKey().value());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        }));
    }

    /** A fleet dry run ended as interrupted: its id, who started it, the process that ran it, and the error it now has. */
    public record Interrupted(String id, String user, String runner, String error) {
    }

    /**
     * Ends, as interrupted, each fleet dry run not finished whose process is known here to be gone (it ran on this machine
     * and pid namespace, and its pid no longer runs or was used again since the run started): killed before it recorded
     * how it ended. Its tenants then count as not tested. A run ended meanwhile by another is not ended again.
     */
    public List<Interrupted> endInterrupted() {
        List<Interrupted> ended = new java.util.ArrayList<>();
        for (Unfinished run : killed()) {
            String error = INTERRUPTED + "its process " + run.runner() + " ended before the dry run finished (killed?); dry-run again.";
            int updated = plane.write("recording a dry run", c -> Jdbc.update(c, "UPDATE fleet_dry_runs SET finished_at = ?,"
                    + " error = ? WHERE id = ? AND finished_at IS NULL", PlaneTime.now(), error, run.id()));
            if (updated == 1) {
                ended.add(new Interrupted(run.id(), run.user(), run.runner(), error));
            }
        }
        return ended;
    }

    /**
     * Whether {@link #endInterrupted} would end a run: a command that only reads the plane ({@code flotilla dry-runs})
     * opens it to write only then.
     */
    public boolean anyToEndInterrupted() {
        return !killed().isEmpty();
    }

    /** The fleet dry runs not finished whose process is known here to be gone. */
    private List<Unfinished> killed() {
        List<Unfinished> running = plane.with("reading dry runs", c -> {
            List<Unfinished> rows = new java.util.ArrayList<>();
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT id, started_by, started_at, runner FROM fleet_dry_runs"
                    + " WHERE finished_at IS NULL AND runner IS NOT NULL ORDER BY started_at"); ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows.add(new Unfinished(r.getString(1), r.getString(2), PlaneTime.read(r, 3), r.getString(4)));
                }
            }
            return rows;
        });
        return running.stream().filter(run -> Runner.goneHere(run.runner(),
                java.time.Duration.between(run.started(), Instant.now()))).toList();
    }

    /** A fleet dry run recorded as running, with the process running it. */
    private record Unfinished(String id, String user, Instant started, String runner) {
    }

    /** The fleet dry run with this id, finished or not; empty when none was recorded. */
    public Optional<FleetDryRunRecord> fleetRun(String id) {
        return plane.with("reading dry runs", c -> {
            Map<TenantId, FleetDryRunRecord.Outcome> tenants = tenantsOf(c, id);
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT started_by, started_at, versions, files, finished_at, wall_ms,"
                    + " error, out_of_order, started_from FROM fleet_dry_runs WHERE id = ?", id);
                 ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long wall = r.getLong(6);
                Long millis = r.wasNull() ? null : wall;
                boolean chosen = r.getBoolean(8);
                Boolean outOfOrder = r.wasNull() ? null : chosen;
                String versions = r.getString(3);
                return Optional.of(new FleetDryRunRecord(id, r.getString(1), PlaneTime.read(r, 2), versions.isEmpty() ? List.of()
                        : List.of(versions.split(",", -1)), filesOf(r.getString(4)), tenants, PlaneTime.read(r, 5), millis,
                        r.getString(7), outOfOrder, FROM_COMMAND_LINE.equals(r.getString(9))));
            }
        });
    }

    /**
     * The ids of the newest fleet dry runs, of the console, the API and the command line, finished or not, newest first
     * (by their start), at most {@code limit}: what {@code flotilla dry-runs} lists.
     */
    public List<String> newest(int limit) {
        return newest(0, limit);
    }

    /** As above, past the newest {@code offset}: a page of the console's list of dry runs and of GET /api/v1/dry-runs. */
    public List<String> newest(int offset, int limit) {
        return plane.with("reading dry runs", c -> Jdbc.queryStrings(c, "SELECT id FROM fleet_dry_runs"
                + " ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset)));
    }

    /** How many fleet dry runs the plane keeps (at most {@value #FLEET_RUNS_KEPT} once the next one starts). */
    public int count() {
        return Integer.parseInt(plane.with("reading dry runs", c -> Jdbc.queryString(c, "SELECT COUNT(*) FROM fleet_dry_runs")));
    }

    /** The ids of the newest finished fleet dry runs of the command line, newest first, at most {@code limit}. */
    public List<String> newestFromCommandLine(int limit) {
        return plane.with("reading dry runs", c -> Jdbc.queryStrings(c, "SELECT id FROM fleet_dry_runs WHERE started_from = ?"
                + " AND finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit),
                FROM_COMMAND_LINE));
    }

    /**
     * The ids of those of the newest {@code limit} finished fleet dry runs of the command line, newest first, that may
     * have tested exactly {@code versions} on {@code tenants} tenants: they ran (no error), of these versions, on that
     * many tenants. The wizard's test step offers to deploy after one that tested what it would deploy, and reads in full
     * ({@link #fleetRun}) only these: their rows and tenant counts tell the others apart without their files and tenants.
     */
    public List<String> newestFromCommandLine(int limit, List<String> versions, int tenants) {
        return plane.with("reading dry runs", c -> {
            List<String> ran = new java.util.ArrayList<>();
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT id, versions, error FROM fleet_dry_runs WHERE started_from = ?"
                    + " AND finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit),
                    FROM_COMMAND_LINE); ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    if (r.getString(3) == null && r.getString(2).equals(String.join(",", versions))) {
                        ran.add(r.getString(1));
                    }
                }
            }
            List<String> fitting = new java.util.ArrayList<>();
            for (String id : ran) {
                if (Long.parseLong(Jdbc.queryString(c, "SELECT COUNT(*) FROM fleet_dry_run_tenants WHERE dry_run_id = ?", id))
                        == tenants) {
                    fitting.add(id);
                }
            }
            return fitting;
        });
    }

    /** Each tenant a fleet dry run tested, with its outcome. */
    private static Map<TenantId, FleetDryRunRecord.Outcome> tenantsOf(java.sql.Connection c, String id) throws java.sql.SQLException {
        Map<TenantId, FleetDryRunRecord.Outcome> tenants = new LinkedHashMap<>();
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, status, error, error_code, time_ms, warning"
                + " FROM fleet_dry_run_tenants WHERE dry_run_id = ? ORDER BY tenant_id", id);
             ResultSet r = query.executeQuery()) {
            while (r.next()) {
                long time = r.getLong(5);
                Long millis = r.wasNull() ? null : time;
                tenants.put(TenantId.of(r.getString(1)), r.getString(2) == null && r.getString(3) == null
                        ? FleetDryRunRecord.Outcome.NOT_YET
                        : new FleetDryRunRecord.Outcome(r.getString(2), r.getString(3), r.getString(4), millis, r.getString(6)));
            }
        }
        return tenants;
    }

    /** One line per file, its name and checksum apart by a tab: neither holds one. */
    private static String filesText(Map<String, String> files) {
        StringBuilder text = new StringBuilder();
        files.forEach((script, checksum) -> text.append(script).append('\t').append(checksum).append('\n'));
        return text.toString();
    }

    private static Map<String, String> filesOf(String text) {
        Map<String, String> files = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isEmpty()).forEach(line -> files.put(line.substring(0, line.lastIndexOf('\t')),
                line.substring(line.lastIndexOf('\t') + 1)));
        return files;
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
}
