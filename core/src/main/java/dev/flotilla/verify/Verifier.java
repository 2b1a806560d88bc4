package dev.flotilla.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the enabled built-in checks and the custom checks of the folder on one target, each timed and
 * isolated: a check that cannot run (a query error, a timeout) fails alone with the database's message, and
 * inside a transaction (a dry run) its error is rolled back to a savepoint so the others still run.
 * Reads only, except scenarios, which are always rolled back. A custom check whose {@code since} the target
 * has not reached is skipped, saying so.
 */
public final class Verifier {
    /** Their contexts' dialect tells names apart as the target's server does ({@link CheckContext#withServerNames}). */
    private static final List<Check> BUILT_IN = List.of(new FkOrphansCheck(), new FkRulesCheck(), new TenantColumnCheck(),
            new RowCountsCheck(), new HistoryCheck(), new ExpectedObjectsCheck(), new IndexUsageCheck(), new RlsEnabledCheck(),
            new RlsIsolationCheck());

    private Verifier() {
    }

    public static List<CheckResult> run(CheckContext target) {
        CheckContext context = target.withServerNames();
        List<CustomCheck> custom = CustomChecks.load(context.options().folder(), context.dialect());
        List<CheckResult> results = new ArrayList<>();
        for (Check check : BUILT_IN) {
            if (context.options().enabled(check.id())) {
                results.add(isolated(check.id(), context, () -> check.run(context)));
            }
        }
        results.addAll(custom(custom, context));
        return results;
    }

    /**
     * The checks of a schema tenants share, each tenant's rows told apart by {@code context.scope()}'s column: those
     * that read rows ({@code fk-orphans}, {@code row-counts}) run on each tenant's own rows of the tables with the
     * column, and once on the tables without it (shared by all); the others, schema-wide by nature (the structure,
     * the history, configured queries, the isolation proof of the policies, custom SQL), run once and say so. A custom
     * check naming {@code ${tenant}} runs for each tenant, with its id.
     *
     * @param target the tables without the column ({@link TenantScope#sharedTables}), with their counts from before
     * @param tenants each tenant's id and its rows counted before, or null where there are none
     */
    public static SharedResults runShared(CheckContext target, Map<String, RowCounts> tenants) {
        CheckContext context = target.withServerNames();
        List<CustomCheck> custom = CustomChecks.load(context.options().folder(), context.dialect());
        List<CheckResult> once = new ArrayList<>();
        List<Check> perTenant = new ArrayList<>();
        for (Check check : BUILT_IN) {
            if (!context.options().enabled(check.id())) {
                continue;
            }
            if (!check.readsTenantRows()) {
                once.add(isolated(check.id(), context, () -> check.run(context)).schemaWide());
                continue;
            }
            perTenant.add(check);
            if (hasSharedTables(context)) {
                once.add(isolated(check.id(), context, () -> check.run(context)));
            }
        }
        custom(custom.stream().filter(c -> !c.perTenant()).toList(), context).forEach(r -> once.add(r.schemaWide()));
        List<CustomCheck> customPerTenant = custom.stream().filter(CustomCheck::perTenant).toList();
        Map<String, List<CheckResult>> byTenant = new LinkedHashMap<>();
        tenants.forEach((tenant, before) -> {
            CheckContext own = context.withScope(new TenantScope(context.scope().column(), tenant), before);
            List<CheckResult> results = new ArrayList<>(perTenant.stream().map(c -> isolated(c.id(), own, () -> c.run(own)))
                    .filter(r -> !skippedAlready(r, once)).toList());
            results.addAll(custom(customPerTenant, own));
            byTenant.put(tenant, results);
        });
        return new SharedResults(once, byTenant);
    }

    /** Whether the schema has tables without the tenant column, now or before the deployment. */
    private static boolean hasSharedTables(CheckContext context) {
        return context.snapshot().tables().stream().anyMatch(context.scope()::covers)
                || context.rowsBefore() != null && !context.rowsBefore().byTable().isEmpty();
    }

    /** A tenant's check skipped for the reason its run on the shared tables was: said once. */
    private static boolean skippedAlready(CheckResult result, List<CheckResult> once) {
        return result.status() == CheckStatus.SKIPPED && once.stream().anyMatch(r -> r.status() == CheckStatus.SKIPPED
                && r.id().equals(result.id()) && r.message().equals(result.message()));
    }

    /** Custom checks on {@code context}; one naming {@code ${tenant}} where no tenant is known is skipped, saying so. */
    private static List<CheckResult> custom(List<CustomCheck> checks, CheckContext context) {
        List<CheckResult> results = new ArrayList<>();
        for (CustomCheck check : checks) {
            String notYet = context.notYet(check.since());
            if (notYet == null && check.perTenant() && context.scope().value() == null) {
                notYet = "it names " + CheckSql.TENANT + ", and these checks run for no tenant in particular";
            }
            results.add(notYet != null ? CheckResult.skipped(check.id(), notYet)
                    : isolated(check.id(), context, () -> CustomCheckRunner.run(check, context)));
        }
        return results;
    }

    /** True when every check passed or was skipped. */
    public static boolean ok(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::ok);
    }

    @FunctionalInterface
    private interface Work {
        CheckResult run() throws SQLException;
    }

    private static CheckResult isolated(String id, CheckContext context, Work work) {
        long start = System.nanoTime();
        Connection connection = context.connection();
        Savepoint savepoint = null;
        try {
            savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            CheckResult result = work.run();
            return result.timed((System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            rollbackTo(connection, savepoint);
            return new CheckResult(id, CheckStatus.FAILED, "could not run [SQLSTATE " + e.getSQLState() + "]: "
                    + dev.flotilla.target.Failures.message(e), List.of(dev.flotilla.target.Failures.message(e)), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        if (savepoint != null) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException ignored) {
                // The transaction is gone; the checks after this one report their own errors.
            }
        }
    }
}
