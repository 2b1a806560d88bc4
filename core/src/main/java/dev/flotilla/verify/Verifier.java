package dev.flotilla.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the enabled built-in checks and the custom checks of the folder on one target, each timed and
 * isolated: a check that cannot run (a query error, a timeout) fails alone with the database's message, and
 * inside a transaction (a dry run) its error is rolled back to a savepoint so the others still run.
 * Reads only, except scenarios, which are always rolled back. A custom check whose {@code since} the target
 * has not reached is skipped, saying so.
 */
public final class Verifier {
    private static final List<Check> BUILT_IN = List.of(new FkOrphansCheck(), new FkRulesCheck(), new TenantColumnCheck(),
            new RowCountsCheck(), new HistoryCheck(), new ExpectedObjectsCheck(), new IndexUsageCheck(), new RlsEnabledCheck(),
            new RlsIsolationCheck());

    private Verifier() {
    }

    public static List<CheckResult> run(CheckContext context) {
        List<CustomCheck> custom = CustomChecks.load(context.options().folder(), context.dialect());
        List<CheckResult> results = new ArrayList<>();
        for (Check check : BUILT_IN) {
            if (context.options().enabled(check.id())) {
                results.add(isolated(check.id(), context, () -> check.run(context)));
            }
        }
        for (CustomCheck check : custom) {
            String notYet = context.notYet(check.since());
            if (notYet != null) {
                results.add(CheckResult.skipped(check.id(), notYet));
                continue;
            }
            results.add(isolated(check.id(), context, () -> CustomCheckRunner.run(check, context)));
        }
        return results;
    }

    /**
     * {@code row-counts} alone, on the rows counted before ({@code context.rowsBefore()}): one tenant's of a shared
     * schema, whose other checks look at the target once for all its tenants.
     */
    public static CheckResult rowCounts(CheckContext context) {
        Check check = new RowCountsCheck();
        return isolated(check.id(), context, () -> check.run(context));
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
                    + e.getMessage(), List.of(String.valueOf(e.getMessage())), (System.nanoTime() - start) / 1_000_000);
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
