package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.RowSample;
import dev.flotilla.scratch.Scratch;
import dev.flotilla.scratch.ScratchClone;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SharedResults;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.migration.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * One dry run on one open target: the plan of a migrate, run through the rolling-back executor or on a
 * scratch clone, with the schema diff, lint findings, and a last check that the target's schema and history
 * are exactly as they were.
 */
final class DryRunner {
    private final TargetOptions options;
    private final LoadedMigrations migrations;
    private final TargetSession session;
    private final DryRunOptions dryRun;
    private final SnapshotReader reader;
    /** The tenants sharing the target (shared-schema tenancy), each checked on its own rows; empty otherwise. */
    private final List<TenantId> sharing;
    private SharedResults checks = new SharedResults(List.of(), Map.of());
    private List<RoundTrip> roundTrips = List.of();

    DryRunner(TargetOptions options, LoadedMigrations migrations, TargetSession session, DryRunOptions dryRun,
              List<TenantId> sharing) {
        this.sharing = dryRun.verify() == null || dryRun.verify().sharedTenantColumn() == null ? List.of() : List.copyOf(sharing);
        this.options = options;
        this.migrations = migrations;
        this.session = session;
        this.dryRun = dryRun;
        this.reader = SnapshotReader.forDialect(session.dialect());
    }

    DryRunReport run() throws SQLException {
        long start = System.nanoTime();
        TargetRun run = new TargetRun("dry-run", session);
        SchemaSnapshot targetBefore = SnapshotReader.of(session);
        List<AppliedMigration> historyBefore = session.history().read();
        List<PreparedScript> scripts = scripts(session.schema(), run);
        DryRunMode mode = run.problems.isEmpty() ? DryRunModeChoice.choose(session, dryRun.mode(), scripts, run) : null;
        if (mode == null) {
            return new DryRunReport(run.report(start), null, null, List.of()).withBaseline(baselineOf(historyBefore));
        }
        if (mode == DryRunMode.CLONE && dryRun.sampleRows() > 0 && sharing.size() > 1) {
            return eachTenantApart();
        }
        List<LintFinding> findings = DryRunLint.findings(dryRun.lint(), session, scripts, targetBefore);
        // Counted before the down scripts run, on the target itself: a clone has no rows.
        List<RollbackForecast.DroppedTable> dropped = dryRun.rollback() == null ? List.of()
                : RollbackForecast.droppedTables(session, targetBefore, scripts, run.notices);
        SchemaDiff diff;
        try {
            String version = Verification.versionAfter(historyBefore, scripts);
            diff = mode == DryRunMode.TRANSACTION ? inTransaction(run, targetBefore, scripts, start, version)
                    : onClone(run, targetBefore, start, version);
            checks.once().stream().filter(c -> !c.ok()).forEach(c -> run.problems.add(DryRunReport.failed(c, run.runs)));
            roundTrips.stream().filter(r -> !r.ok()).forEach(r -> run.problems.add(new Problem(ErrorCode.ROUND_TRIP_FAILED,
                    "Round trip of " + r.script() + ": " + String.join("; ", r.problems()), r.version())));
        } catch (FlotillaException e) {
            if (session.connection().isClosed()) {
                // A statement that closed the connection (see RollingBackExecutor#finish): nothing more can be checked on
                // it, and the check that the target is unchanged would fail with "connection closed" in its place.
                throw e;
            }
            run.problems.add(new Problem(e.code(), e.advice(), null));
            diff = null;
        } catch (SQLException e) {
            run.problems.add(new Problem(ErrorCode.CLONE_FAILED, ScratchClone.COPYING + " " + session.spec().displayName()
                    + " into a scratch database for the dry run failed: " + Failures.sentence(session.spec().scrub(e.getMessage()))
                    + " Nothing of the target changed.", null));
            diff = null;
        }
        checkUnchanged(run, targetBefore, historyBefore);
        RunReport report = run.report(start);
        RollbackForecast forecast = dryRun.rollback() == null ? null
                : new RollbackForecast(dropped, RollbackForecast.repeatables(historyBefore, report.applied()));
        return new DryRunReport(report, mode.name().toLowerCase(), diff, findings, checks.once(), roundTrips, forecast,
                mode == DryRunMode.CLONE && dryRun.sampleRows() == 0, checks.byTenant())
                .withBaseline(baselineOf(historyBefore));
    }

    /**
     * What the history read as the dry run began records as baselined, as a deploy's plan reads it for the control plane
     * to keep ({@link dev.flotilla.plan.Baselined#column}); null for a target with no history yet.
     */
    private static String baselineOf(List<AppliedMigration> history) {
        return history.isEmpty() ? null : TargetPlan.baselineInEffect(history).column();
    }

    private SchemaDiff inTransaction(TargetRun run, SchemaSnapshot targetBefore, List<PreparedScript> scripts, long start,
                                     String version) throws SQLException {
        VerifyOptions verify = dryRun.verify();
        RowsBefore before = verify == null || !session.schemaExists() ? null : countRows(session.connection(), session.schema(),
                targetBefore);
        RollingBackExecutor.BeforeRollback verifying = verify == null ? RollingBackExecutor.BeforeRollback.NOTHING
                : after -> checks = Verification.inDryRun(session.connection(), session, session.schema(), after, verify,
                        sharing, before, version, PendingScripts.tenantOf(options, session.schema()));
        RollingBackExecutor executor = new RollingBackExecutor(session, targetBefore, verifying, options.statementTimeout());
        execute(run, executor, session.connection(), session.schema(), scripts, start);
        return executor.after() == null ? null : SchemaDiff.between(executor.before(), executor.after());
    }

    private SchemaDiff onClone(TargetRun run, SchemaSnapshot targetBefore, long start, String version)
            throws SQLException {
        var excluded = SnapshotReader.flotillaTables(session);
        ScratchClone clone = ScratchClone.forDialect(session.dialect().name(), options.lockTimeout());
        try (Scratch scratch = clone.create(session, excluded, sample(targetBefore))) {
            SchemaSnapshot cloneBefore = reader.read(scratch.connection(), scratch.schema(), excluded);
            SchemaDiff cloneDrift = SchemaDiff.between(targetBefore, cloneBefore);
            if (!cloneDrift.isEmpty()) {
                run.notices.add(Advice.plain("The scratch copy differs from " + session.spec().displayName()
                        + " before any migration ran (" + cloneDrift.changes().stream().limit(3).map(Object::toString).toList()
                        + "); the diff compares the copy before and after."));
            }
            // On MariaDB the copy is another database: ${schema} names the copy there.
            List<PreparedScript> scripts = scripts(scratch.schema(), new TargetRun("dry-run", session));
            VerifyOptions verify = dryRun.verify();
            // A structure-only copy has no rows to lose: row counts mean something only with sample rows.
            RowsBefore before = verify == null || dryRun.sampleRows() == 0 ? null
                    : countRows(scratch.connection(), scratch.schema(), cloneBefore);
            execute(run, new CloneExecutor(scratch, session), scratch.connection(), scratch.schema(), scripts, start);
            boolean failed = run.runs.stream().anyMatch(MigrationRun::failed);
            if (failed) {
                return null;
            }
            SchemaSnapshot after = reader.read(scratch.connection(), scratch.schema(), excluded);
            if (verify != null) {
                checks = Verification.inDryRun(scratch.connection(), session, scratch.schema(), after, verify, sharing, before,
                        version, PendingScripts.tenantOf(options, session.schema()));
            }
            // The key over the rows as they are now: the tenant would fail, and counts so (a migration deleting the
            // duplicates first ran over no rows on this copy, so the dry run cannot tell it would have fixed them).
            try {
                run.problems.addAll(UniqueKeysOverRows.rejections(session, targetBefore, cloneBefore, after, dryRun.sampleRows(),
                        scripts));
            } catch (SQLException e) { // the target's own rows, read after the copy ran: not the copy's failure
                throw Failures.of(session.spec(), "checking the unique keys the migrations add against the rows of", e, false);
            }
            return SchemaDiff.between(cloneBefore, after);
        }
    }

    /**
     * The tenants sharing the target, each dry-run on a copy of its own sample rows: a migration that only one tenant's
     * rows break fails that tenant's dry run, and the others' copies do not hold those rows.
     */
    private DryRunReport eachTenantApart() throws SQLException {
        Map<String, DryRunReport> reports = new java.util.LinkedHashMap<>();
        for (TenantId tenant : sharing) {
            reports.put(tenant.value(), new DryRunner(options, migrations, session, dryRun, List.of(tenant)).run());
        }
        return DryRunReport.apart(reports);
    }

    /**
     * The rows the copy gets: the first of each table; where the dry run tests one tenant of a shared schema, its own
     * first rows of the tables with the tenant column.
     */
    private RowSample sample(SchemaSnapshot targetBefore) {
        RowSample first = RowSample.first(dryRun.sampleRows());
        if (sharing.size() != 1 || dryRun.sampleRows() == 0) {
            return first;
        }
        Map<String, String> columns = new HashMap<>();
        for (SchemaSnapshot.Table table : targetBefore.tables()) {
            table.column(dryRun.verify().sharedTenantColumn()).ifPresent(c -> columns.put(table.name(), c.name()));
        }
        return first.ofTenant(sharing.get(0).value(), columns);
    }

    /** The rows before the migrations: the whole target's, or each sharing tenant's and the shared tables'. */
    private RowsBefore countRows(Connection connection, String schema, SchemaSnapshot snapshot) throws SQLException {
        return RowsBefore.count(connection, session.dialect(), schema, snapshot, sharing,
                sharing.isEmpty() ? null : dryRun.verify().sharedTenantColumn(), true, dryRun.verify().enabled("fk-orphans"));
    }

    /** The pending migrations, or the down scripts of the rollback being dry-run, with {@code ${schema}} set. */
    private List<PreparedScript> scripts(String schema, TargetRun run) throws SQLException {
        if (dryRun.rollback() == null) {
            List<PreparedScript> pending = PendingScripts.of(options, migrations, session, schema, run);
            if (run.problems.isEmpty()) { // what the deploy would refuse, refused as it: FK_PARENT_MISMATCH
                run.problems.addAll(ForeignKeyPreflight.problems(session.dialect(), session.connection(), schema,
                        session.spec().displayName(), pending, migrations.splits()));
            }
            return pending;
        }
        TargetPlan plan = PendingScripts.planOf(options, migrations, session, session.history().read());
        ScriptPreparer preparer = PendingScripts.preparer(options, session.dialect(), schema, migrations);
        List<PreparedScript> scripts = new RollbackSelection(plan, dryRun.rollback(), session.spec().displayName(), migrations)
                .scripts(preparer, run.problems);
        run.problems.addAll(preparer.problems());
        return scripts;
    }

    /** Runs the scripts through the executor, wrapped in the round-trip check when it was asked for. */
    private void execute(TargetRun run, MigrationExecutor executor, Connection connection, String schema,
                         List<PreparedScript> scripts, long start) throws SQLException {
        if (!dryRun.roundTrip()) {
            run.execute(executor, scripts, start);
            saidOfATargetNotCreatedYet(run, schema);
            return;
        }
        ScriptPreparer preparer = PendingScripts.preparer(options, session.dialect(), schema, migrations);
        Map<String, PreparedScript> downs = new HashMap<>();
        for (Migration migration : migrations.versioned()) {
            migration.downScript().ifPresent(down -> {
                PreparedScript script = preparer.down(migration, down);
                if (script != null) {
                    downs.put(migration.script(), script);
                }
            });
        }
        RoundTripExecutor roundTrip = new RoundTripExecutor(executor, connection, reader, schema,
                SnapshotReader.flotillaTables(session), downs);
        run.execute(roundTrip, scripts, start);
        saidOfATargetNotCreatedYet(run, schema);
        roundTrips = roundTrip.results().stream().map(r -> r.masked(session.spec()::scrub)).toList();
    }

    /**
     * A migration that failed on a target whose schema or database does not exist yet ran where a deploy would create it,
     * empty: its error says so, lest it read as the scratch copy's fault ({@code schema} is the copy's, on a clone).
     */
    private void saidOfATargetNotCreatedYet(TargetRun run, String schema) {
        if (!session.schemaExists()) {
            String copy = schema.equals(session.schema()) ? null : schema;
            run.runs.replaceAll(r -> r.failed() ? TargetNotCreatedYet.failedOn(r, session.targetNoun(), copy) : r);
        }
    }

    /** The promise of a dry run, checked rather than assumed: the target's schema and history are as they were. */
    private void checkUnchanged(TargetRun run, SchemaSnapshot schemaBefore, List<AppliedMigration> historyBefore)
            throws SQLException {
        SchemaDiff schemaChange = SchemaDiff.between(schemaBefore, SnapshotReader.of(session));
        boolean historyChanged = !session.history().reread().equals(historyBefore);
        if (!schemaChange.isEmpty() || historyChanged) {
            run.problems.add(new Problem(ErrorCode.TARGET_CHANGED, "The target " + session.spec().displayName()
                    + " changed during the dry run: " + (historyChanged ? "its history table changed; " : "")
                    + schemaChange.changes() + ". Another deployment may have run at the same time, or a migration names"
                    + " the target's schema instead of ${schema}. Check the target before deploying.", null));
        }
    }
}
