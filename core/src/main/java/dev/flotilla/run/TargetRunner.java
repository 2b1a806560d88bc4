package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.SharedResults;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Migrates, dry-runs or rolls back one target. Each call opens its own connection, so one runner can be
 * used from one thread at a time; several runners on one target are safe (the target lock serialises them). What its
 * public migrate, dry run, rollback and verify return or throw is masked of the options' secret placeholders' values, as
 * {@link dev.flotilla.Flotilla}'s is.
 */
public final class TargetRunner {
    private final TargetOptions options;
    private final LoadedMigrations migrations;
    private final ConnectionSource connections;
    /** Whether a migration's foreign keys are checked against the target before it runs ({@link ForeignKeyPreflight}). */
    private final boolean keysChecked;

    public TargetRunner(TargetOptions options, LoadedMigrations migrations) {
        this(options, migrations, ConnectionSource.DIRECT);
    }

    /** A runner whose sessions take their connections from {@code connections}. */
    public TargetRunner(TargetOptions options, LoadedMigrations migrations, ConnectionSource connections) {
        this(options, migrations, connections, true);
    }

    private TargetRunner(TargetOptions options, LoadedMigrations migrations, ConnectionSource connections,
                         boolean keysChecked) {
        this.options = Objects.requireNonNull(options, "options");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.keysChecked = keysChecked;
    }

    /**
     * This runner running files as the server takes them, without checking their foreign keys first: a history's
     * replay on an empty scratch copy, which has nothing to keep from a half-applied file and whose failure says which
     * statement needs what ({@link ReplayFailure}).
     */
    TargetRunner replaying() {
        return new TargetRunner(options, migrations, connections, false);
    }

    /**
     * The files joined with the target's history, read without locking or changing anything; a history row's error
     * masked of the options' secret placeholders' values (one written before Flotilla masked them before recording).
     */
    public TargetPlan plan() {
        return SecretPlaceholderMask.around(options, () -> TargetWork.run(connections, options, false, false,
                session -> PendingScripts.planOf(options, migrations, session, session.history().read())), TargetPlan::masked);
    }

    /**
     * Why a migrate would refuse a target that has another tool's history (Flyway's, Liquibase's) and none of
     * Flotilla's, read as the fleet's plan reads it (FOREIGN_HISTORY); null for any other target. Changes nothing.
     */
    public Problem foreignHistory() {
        return TargetWork.run(connections, options, false, false, session -> {
            String table = session.history().exists() ? null : ForeignHistory.among(session.userTables());
            return table == null ? null : ForeignHistory.problem(session.spec().displayName(), session.history().name(), table);
        });
    }

    /**
     * Whether another run holds the target's lock now: taken without waiting and let go at once. A migration
     * recorded as interrupted mid-statement is then most likely still running, not failed.
     */
    public boolean lockedByAnotherRun() {
        try {
            TargetWork.run(connections, options.withLockWait(java.time.Duration.ofMillis(1)), false, true, session -> null);
            return false;
        } catch (FlotillaException e) {
            if (e.code() == ErrorCode.LOCK_TIMEOUT) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Splits every migration and down script with the target's dialect, without connecting, and returns
     * the scripts that cannot be run (unterminated strings, comments or bodies).
     */
    public List<Problem> scriptProblems() {
        return scriptProblems(true);
    }

    /**
     * The same for the scripts a migrate runs, the up scripts only: what a fleet deploy checks before it records
     * a deployment.
     */
    public List<Problem> upScriptProblems() {
        return scriptProblems(false);
    }

    private List<Problem> scriptProblems(boolean withDownScripts) {
        return ScriptsWithoutTarget.problems(options, migrations, withDownScripts);
    }

    /** Applies every pending migration, stopping at the first failure. */
    public RunReport migrate() {
        return migrate(false);
    }

    /**
     * As {@link #migrate()}; {@code historyExpected} says the target had a history table when last seen, so it
     * is read with the lock, in one round trip where the dialect can (see {@link TargetSession#openLocked}).
     */
    public RunReport migrate(boolean historyExpected) {
        return SecretPlaceholderMask.around(options, () -> migrate(historyExpected, BeforeApplying.NOTHING), RunReport::masked);
    }

    /**
     * As {@link #migrate(boolean)}, with {@code before} run under the target lock once the history is read and the
     * pending migrations known, before the first of them: what it sees of the target is what they will change.
     */
    RunReport migrate(boolean historyExpected, BeforeApplying before) {
        return migrate(historyExpected, before, EachMigration.NONE);
    }

    /** As above, {@code each} told of every migration applied (or failed) as it ends. */
    RunReport migrate(boolean historyExpected, BeforeApplying before, EachMigration each) {
        return TargetWork.run(connections, options, true, true, historyExpected, before::beforeCreating, session ->
                apply("migrate", session, new ApplyingExecutor(session, options.installedBy(), options.statementTimeout(),
                        recorded()),
                        before, each));
    }

    /**
     * Runs every pending migration where nothing is kept (a rolled-back transaction or a scratch clone) and
     * reports what would happen: every statement, the schema diff and lint warnings. Takes no target lock;
     * the target's schema and history are the same afterwards, which the dry run checks.
     */
    public DryRunReport dryRun(DryRunOptions dryRun) {
        return dryRun(dryRun, List.of());
    }

    /**
     * A dry run of a target {@code sharing} tenants share (shared-schema tenancy): the checks reading rows run on each
     * tenant's own ({@link DryRunReport#forTenant}), the others once.
     */
    public DryRunReport dryRun(DryRunOptions dryRun, List<TenantId> sharing) {
        return SecretPlaceholderMask.around(options, () -> TargetWork.run(connections, options.withLockTimeout(
                dryRun.lockTimeout()), false, false, session -> new DryRunner(options, migrations, session, dryRun, sharing)
                .run()), DryRunReport::masked);
    }

    /**
     * Runs the enabled checks on the target as it is now, each bounded by the options' timeout; what they say is masked of
     * the target's secrets and the options' secret placeholders' values (a check quotes a row). Reads only,
     * except scenarios, which are rolled back. {@code row-counts} and {@code expected-objects} need a
     * deployment and are skipped here. On the {@link TenantScope#WHOLE_TARGET}, {@code ${tenant}} of a custom check is
     * the options' tenant, as in the migrations.
     */
    public List<CheckResult> verify(VerifyOptions verify, TenantScope scope) {
        List<CheckResult> results = SecretPlaceholderMask.around(options, () -> TargetWork.run(connections,
                options.withStatementTimeout(verify.timeout()), false, false, session -> {
                    TenantScope known = scope.column() == null && scope.value() == null
                            ? TenantScope.wholeTargetOf(PendingScripts.tenantOf(options, session.schema())) : scope;
                    return Verification.onTarget(existing(session), verify, known, null, migrations, List.of(), null);
                }), (checked, scrub) -> checked.stream().map(r -> r.masked(scrub)).toList());
        // A check quoting a row says what the row holds: the target's password too, which no control plane masks here.
        return results.stream().map(r -> r.masked(options.target()::scrub)).toList();
    }

    /**
     * {@link #verify} of a target {@code tenants} share (shared-schema tenancy, {@code verify.sharedTenantColumn()}):
     * the checks reading rows on each tenant's own, the others once for all of them.
     */
    public SharedResults verifyShared(VerifyOptions verify, List<TenantId> tenants) {
        return SecretPlaceholderMask.around(options, () -> TargetWork.run(connections, options.withStatementTimeout(
                verify.timeout()), false, false, session -> Verification.onSharedTarget(existing(session), verify, tenants,
                null, migrations, List.of(), null)), SharedResults::masked).masked(options.target()::scrub);
    }

    private static TargetSession existing(TargetSession session) throws SQLException {
        if (!session.schemaExists()) {
            throw new FlotillaException(ErrorCode.TARGET_MISSING, "Nothing to verify: the " + session.targetNoun()
                    + " of " + session.spec().displayName() + " does not exist (not deployed yet, or gone). Deploy to it"
                    + " first, or check the tenant's URL.");
        }
        return session;
    }

    /**
     * Runs down scripts, the migration installed last first, recording each; then marks the repeatable migrations
     * applied over what was undone to run again at the next migrate (see {@link dev.flotilla.plan.UndoneRepeatables}).
     */
    public RunReport rollback(RollbackRequest request) {
        return SecretPlaceholderMask.around(options, () -> rollback(request, BeforeApplying.NOTHING), RunReport::masked);
    }

    /** A rollback that runs {@code before} under the target lock once it knows what it undoes (a deployment's backup). */
    RunReport rollback(RollbackRequest request, BeforeApplying before) {
        return rollback(request, before, EachMigration.NONE);
    }

    /** As above, {@code each} told of every down file run as it ends. */
    RunReport rollback(RollbackRequest request, BeforeApplying before, EachMigration each) {
        return TargetWork.run(connections, options, false, true, session -> {
            long start = System.nanoTime();
            TargetRun run = new TargetRun("rollback", session);
            TargetPlan plan = PendingScripts.planOf(options, migrations, session, session.history().read());
            ScriptPreparer preparer = preparer(session);
            List<PreparedScript> scripts = new RollbackSelection(plan, request, session.spec().displayName(), migrations)
                    .scripts(preparer, run.problems);
            run.problems.addAll(preparer.problems());
            if (!run.problems.isEmpty()) {
                return run.report(start);
            }
            before.run(scripts.size(), false);
            run.execute(new ApplyingExecutor(session, options.installedBy(), options.statementTimeout(),
                        recorded()), scripts, start, each);
            List<String> again = RepeatableMarks.write(session.connection(), session.history(),
                    dev.flotilla.plan.UndoneRepeatables.in(session.history().read()), options.installedBy());
            if (!again.isEmpty()) {
                run.notices.add(Advice.plain(String.join(", ", again) + (again.size() == 1 ? " was"
                        : " were") + " applied over what the rollback undid: the next migrate applies "
                        + (again.size() == 1 ? "it" : "them") + " again."));
            }
            return run.report(start);
        });
    }

    /**
     * The merge of a shared schema's tenants that a rollback by {@code request} would make here (its down files dropping
     * {@code column} from tables holding the rows of more than one tenant), or null. Reads only; takes no lock.
     */
    public TenantMerge tenantMerge(RollbackRequest request, String column) {
        return rollbackGuard(request, column).merge();
    }

    /**
     * The guard's read of a rollback by {@code request} on a shared schema whose tenant column is {@code column}: the merge
     * that refuses it, and what it says without refusing ({@link TenantGuardRead}). Reads only; takes no lock.
     */
    public TenantGuardRead rollbackGuard(RollbackRequest request, String column) {
        if (column == null) {
            return TenantGuardRead.NOTHING;
        }
        return TargetWork.run(connections, options, false, false, session -> {
            TargetPlan plan = PendingScripts.planOf(options, migrations, session, session.history().read());
            List<Problem> problems = new java.util.ArrayList<>();
            ScriptPreparer preparer = preparer(session);
            List<PreparedScript> scripts = new RollbackSelection(plan, request, session.spec().displayName(), migrations)
                    .scripts(preparer, problems);
            // A rollback that cannot run (no down file, newer migrations on top) is refused by its own run, saying why.
            return problems.isEmpty() && preparer.problems().isEmpty() ? TenantGuardRead.of(session, scripts, column)
                    : TenantGuardRead.NOTHING;
        });
    }

    private RunReport apply(String command, TargetSession session, MigrationExecutor executor, BeforeApplying before,
                            EachMigration each) throws SQLException {
        long start = System.nanoTime();
        TargetRun run = new TargetRun(command, session);
        List<PreparedScript> scripts = PendingScripts.of(options, migrations, session, session.schema(), run);
        if (run.problems.isEmpty() && keysChecked) {
            // Before the first statement: on MariaDB a key refused half-way through a file leaves what ran before it.
            run.problems.addAll(ForeignKeyPreflight.problems(session.dialect(), session.connection(), session.schema(),
                    session.spec().displayName(), scripts, migrations.splits()));
        }
        if (!run.problems.isEmpty()) {
            return run.report(start);
        }
        before.run(scripts.size(), !session.history().exists() && session.userTablesWhenLocked().isEmpty());
        return run.execute(executor, scripts, start, each);
    }

    /** What masks a failure's error before it is written into the target's own history (its secret placeholders). */
    private java.util.function.UnaryOperator<String> recorded() {
        return SecretPlaceholderMask.of(options).orElse(java.util.function.UnaryOperator.identity());
    }

    private ScriptPreparer preparer(TargetSession session) {
        return PendingScripts.preparer(options, session.dialect(), session.schema(), migrations);
    }
}
