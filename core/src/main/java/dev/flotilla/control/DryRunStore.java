package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each tenant's dry runs said: which versions, how it ended, the schema diff. A deployment's
 * {@code expected-objects} check compares the deployed schema with the newest dry run of the same versions. And the
 * fleet dry runs of the console, the API and the command line by their id ({@link FleetDryRunRecord}), which a deploy
 * naming one is gated on: written as they start and end ({@link FleetDryRunWrites}), read back ({@link FleetDryRunReads}),
 * and ended as interrupted when their process was killed ({@link InterruptedDryRuns}). A tenant's own dry runs are kept
 * here.
 */
public final class DryRunStore {
    /**
     * How many fleet dry runs the control plane keeps, the newest (as backup.keep keeps the newest backups, and the
     * console the newest jobs): a deploy naming an older one is refused as never tested, to be dry-run again.
     */
    public static final int FLEET_RUNS_KEPT = 1000;
    /** fleet_dry_runs.started_from of a dry run of the command line (V25). */
    static final String FROM_COMMAND_LINE = "cli";
    /** How the error of a fleet dry run ended as interrupted begins ({@link #endInterrupted}, {@link FleetDryRunRecord#interrupted}). */
    static final String INTERRUPTED = "Interrupted: ";

    private final ControlPlane plane;
    private final FleetDryRunWrites writes;
    private final FleetDryRunReads reads;
    private final InterruptedDryRuns interrupted;

    DryRunStore(ControlPlane plane) {
        this.plane = plane;
        this.writes = new FleetDryRunWrites(plane);
        this.reads = new FleetDryRunReads(plane);
        this.interrupted = new InterruptedDryRuns(plane);
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
                kept(plane, error), code == null ? null : code.name(), kept(plane, warning)));
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
     * no record of, and with the error {@link #latest} does not keep. A run ended as interrupted ({@link #endInterrupted})
     * is its tenants' newest too: status {@code interrupted}, the run's error.
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
            // A run ended as interrupted recorded no tenant's outcome: each of its tenants reads it interrupted, its error the run's.
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT r.id, r.started_at, r.finished_at, r.versions,"
                    + " COALESCE(t.status, 'interrupted'), CASE WHEN t.status IS NULL THEN r.error ELSE t.error END, t.error_code,"
                    + " t.warning FROM fleet_dry_run_tenants t JOIN fleet_dry_runs r ON r.id = t.dry_run_id WHERE t.tenant_id = ?"
                    + " AND (t.status IS NOT NULL OR r.finished_at IS NOT NULL AND r.error LIKE ?)"
                    + " ORDER BY r.started_at DESC, r.id DESC LIMIT 1", tenant.value(), INTERRUPTED + "%");
                 ResultSet r = query.executeQuery()) {
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
        writes.started(id, user, versions, files, outOfOrder, tenants, null);
    }

    /**
     * As above, for {@code flotilla dry-run} of tenants of the fleet: kept as the console's are, so that a deploy of the
     * console or the API can name it, and said to come from the command line ({@link FleetDryRunRecord#fromCommandLine}).
     */
    public void startedFromCommandLine(String id, String user, List<String> versions, Map<String, String> files,
                                       boolean outOfOrder, Collection<TenantId> tenants) {
        writes.started(id, user, versions, files, outOfOrder, tenants, FROM_COMMAND_LINE);
    }

    /**
     * Records how a fleet dry run ended: each tenant's outcome, or {@code error} when the run as a whole could not run
     * (then {@code outcomes} is empty); in one transaction.
     */
    public void finished(String id, long millis, String error, Map<TenantId, FleetDryRunRecord.Outcome> outcomes) {
        writes.finished(id, millis, error, outcomes);
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
        return interrupted.end();
    }

    /**
     * Whether {@link #endInterrupted} would end a run: a command that only reads the plane ({@code flotilla dry-runs})
     * opens it to write only then.
     */
    public boolean anyToEndInterrupted() {
        return interrupted.any();
    }

    /** The fleet dry run with this id, finished or not; empty when none was recorded. */
    public Optional<FleetDryRunRecord> fleetRun(String id) {
        return reads.fleetRun(id);
    }

    /**
     * The ids of the newest fleet dry runs, of the console, the API and the command line, finished or not, newest first
     * (by their start), at most {@code limit}.
     */
    public List<String> newest(int limit) {
        return newest(0, limit);
    }

    /** As above, past the newest {@code offset}: a page of the console's list of dry runs and of GET /api/v1/dry-runs. */
    public List<String> newest(int offset, int limit) {
        return reads.newest(offset, limit);
    }

    /**
     * The newest fleet dry runs as a list shows them, past the newest {@code offset}, at most {@code limit}, newest first
     * (by their start): what {@code flotilla dry-runs}, the console's Dry runs page and GET /api/v1/dry-runs list.
     */
    public List<FleetDryRunSummary> summaries(int offset, int limit) {
        return reads.summaries(offset, limit);
    }

    /** How many fleet dry runs the plane keeps (at most {@value #FLEET_RUNS_KEPT} once the next one starts). */
    public int count() {
        return reads.count();
    }

    /** The ids of the newest finished fleet dry runs of the command line, newest first, at most {@code limit}. */
    public List<String> newestFromCommandLine(int limit) {
        return reads.newestFromCommandLine(limit);
    }

    /**
     * The ids of those of the newest {@code limit} finished fleet dry runs of the command line, newest first, that may
     * have tested exactly {@code versions} on {@code tenants} tenants: they ran (no error), of these versions, on that
     * many tenants. The wizard's test step offers to deploy after one that tested what it would deploy, and reads in full
     * ({@link #fleetRun}) only these: their rows and tenant counts tell the others apart without their files and tenants.
     */
    public List<String> newestFromCommandLine(int limit, List<String> versions, int tenants) {
        return reads.newestFromCommandLine(limit, versions, tenants);
    }

    /** {@code text} masked as the plane masks what it keeps, and cut to its columns' 4000 characters; null for null. */
    static String kept(ControlPlane plane, String text) {
        if (text == null) {
            return null;
        }
        String masked = plane.scrub(text);
        return masked.length() <= 4000 ? masked : masked.substring(0, 3999) + "…";
    }
}
