package dev.flotilla;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.run.Baseline;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.HistoryChange;
import dev.flotilla.run.HistoryRepair;
import dev.flotilla.run.RepairRequest;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The way in for one target: load the migrations once, then status, migrate, dry run, rollback, repair or
 * baseline. Every call opens and closes its own connection. Not thread-safe; use one instance per thread
 * (concurrent instances on one target are safe, the target lock serialises them).
 *
 * <pre>{@code
 * Flotilla flotilla = Flotilla.load(TargetOptions.of(new TargetSpec(url, user, password, "tenant_a", null), dir));
 * RunReport report = flotilla.migrate();
 * }</pre>
 */
public final class Flotilla {
    private final TargetOptions options;
    private final LoadedMigrations migrations;

    private Flotilla(TargetOptions options, LoadedMigrations migrations) {
        this.options = options;
        this.migrations = migrations;
    }

    /**
     * Loads and validates the migration files.
     *
     * @throws dev.flotilla.migration.InvalidMigrationsException listing every problem in the files
     */
    public static Flotilla load(TargetOptions options) {
        Objects.requireNonNull(options, "options");
        MigrationLoader loader = new MigrationLoader(options.placeholders().keySet(), dialectOf(options.target()));
        return new Flotilla(options, loader.load(options.folders()));
    }

    /** The target's dialect, to split the scripts as it will; null without a target, or one whose URL is refused later. */
    private static Dialect dialectOf(dev.flotilla.target.TargetSpec target) {
        try {
            return target == null ? null : Dialect.forUrl(target.url());
        } catch (FlotillaException unsupported) {
            return null; // the connection says what is wrong with the URL, after the files
        }
    }

    /**
     * These migrations up to {@code ceiling} only, and the repeatables ({@link LoadedMigrations#upTo}), as a deploy of
     * the console or the API limited to that version applies them: {@code dry-run --to} of one target.
     */
    public Flotilla upTo(dev.flotilla.migration.MigrationVersion ceiling) {
        return new Flotilla(options, migrations.upTo(ceiling));
    }

    public LoadedMigrations migrations() {
        return migrations;
    }

    /** The state of every migration on the target. Changes nothing, takes no lock. */
    public TargetPlan status() {
        return runner().plan();
    }

    /**
     * What blocks every run on a target whose plan reads as all pending though another tool migrated it: its
     * FOREIGN_HISTORY problem, as {@code migrate} would refuse it; empty when the target has any Flotilla history, or
     * no other tool's. Read only when {@code plan} shows no history at all.
     */
    public java.util.Optional<Problem> foreignHistory(TargetPlan plan) {
        boolean noHistory = plan.statuses().stream().allMatch(s -> s.latest() == null);
        return noHistory ? java.util.Optional.ofNullable(runner().foreignHistory()) : java.util.Optional.empty();
    }

    /** Whether another run holds the target's lock now (a migration recorded as interrupted is then running). */
    public boolean lockedByAnotherRun() {
        return runner().lockedByAnotherRun();
    }

    /**
     * Everything that would stop a migrate, found without changing anything: scripts that cannot be split
     * with the target's dialect, and the history's findings (edited, missing, failed, out-of-order).
     */
    public List<Problem> validate() {
        TargetRunner runner = runner();
        List<Problem> problems = new ArrayList<>(runner.scriptProblems());
        TargetPlan plan = runner.plan();
        problems.addAll(plan.problems(options.policy()));
        foreignHistory(plan).ifPresent(problems::add);
        return problems;
    }

    /** Masked of the secret placeholders' values, as {@link TargetRunner} masks what it returns. */
    public RunReport migrate() {
        return runner().migrate();
    }

    /** A dry run with the default options: a rolled-back transaction where possible, else a scratch clone. */
    public DryRunReport dryRun() {
        return dryRun(DryRunOptions.DEFAULTS);
    }

    public DryRunReport dryRun(DryRunOptions options) {
        return runner().dryRun(options);
    }

    public RunReport rollback(RollbackRequest request) {
        return runner().rollback(request);
    }

    public HistoryChange repair(RepairRequest request) {
        return masked(() -> new HistoryRepair(requireTarget(), migrations).repair(request), (change, scrub) -> new HistoryChange(
                change.command(), change.target(), change.actions().stream().map(scrub).toList()));
    }

    /**
     * What masks the secret placeholders' values of these options: the statements as they ran, a failure quoting one, a
     * refusal quoting what stays applied hold them, and no control plane is between this target's work and its caller.
     */
    private java.util.function.UnaryOperator<String> secrets() {
        List<dev.flotilla.target.Secret> values = options.secretPlaceholderValues();
        return text -> {
            String masked = text;
            for (dev.flotilla.target.Secret value : values) {
                masked = value.scrub(masked);
            }
            return masked;
        };
    }

    /** {@code work}'s result, or its failure, masked of the secret placeholders' values ({@code mask} masks a result). */
    private <T> T masked(java.util.function.Supplier<T> work,
                         java.util.function.BiFunction<T, java.util.function.UnaryOperator<String>, T> mask) {
        boolean secret = !options.secretPlaceholderValues().isEmpty();
        T result;
        try {
            result = work.get();
        } catch (FlotillaException e) {
            throw secret ? e.masked(secrets()) : e;
        }
        return secret ? mask.apply(result, secrets()) : result;
    }

    public HistoryChange baseline(MigrationVersion version) {
        return new Baseline(requireTarget(), migrations).baseline(version);
    }

    /**
     * The merge of a shared schema's tenants that {@code rollback(request)} would make here: its down files dropping the
     * tenant {@code column} from tables holding the rows of more than one tenant; null when none. Reads only.
     */
    public dev.flotilla.run.TenantMerge tenantMerge(RollbackRequest request, String column) {
        return runner().tenantMerge(request, column);
    }

    /** The guard's whole read of that rollback: the merge that refuses it, and what it says without refusing. */
    public dev.flotilla.run.TenantGuardRead rollbackGuard(RollbackRequest request, String column) {
        return runner().rollbackGuard(request, column);
    }

    private TargetRunner runner() {
        return new TargetRunner(requireTarget(), migrations);
    }

    private TargetOptions requireTarget() {
        if (options.target() == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No target: pass --url (and --schema where needed).");
        }
        return options;
    }
}
