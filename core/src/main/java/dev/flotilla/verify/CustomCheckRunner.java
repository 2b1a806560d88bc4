package dev.flotilla.verify;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs custom checks. Assertions only read. Scenarios write, so each runs inside a transaction that is
 * rolled back whatever happens (within the caller's transaction, under a savepoint, when there is one);
 * a statement expected to fail runs under a savepoint of its own, so PostgreSQL can go on after it.
 * On SQLite, foreign keys are enforced for the scenario, as an application would have them.
 */
final class CustomCheckRunner {
    private CustomCheckRunner() {
    }

    /**
     * Runs {@code check}; one that names {@code ${tenant}} with the id of {@code context}'s tenant bound to it, and its
     * result says which tenant it checked.
     */
    static CheckResult run(CustomCheck check, CheckContext context) throws SQLException {
        String id = check.id();
        String tenant = check.perTenant() ? context.scope().value() : null;
        String whose = tenant == null ? "" : " (tenant " + tenant + ")";
        return switch (check) {
            case CustomCheck.Assertion a -> {
                String problem = a.expectation().check(context.connection(), context.dialect(), a.sql(), tenant);
                yield problem == null ? CheckResult.passed(id, a.file() + ":" + a.line() + " as expected" + whose)
                        : CheckResult.of(id, "", List.of(a.file() + ":" + a.line() + whose + ": " + problem));
            }
            case CustomCheck.Scenario s -> scenario(s, context, tenant, whose);
        };
    }

    private static CheckResult scenario(CustomCheck.Scenario scenario, CheckContext context, String tenant, String whose)
            throws SQLException {
        Connection connection = context.connection();
        boolean own = connection.getAutoCommit();
        boolean sqlite = "sqlite".equals(context.dialect().name());
        if (own && sqlite) {
            Jdbc.execute(connection, "PRAGMA foreign_keys = ON");
        }
        connection.setAutoCommit(false);
        Savepoint outer = own ? null : connection.setSavepoint();
        List<String> problems = new ArrayList<>();
        try {
            for (CustomCheck.Step step : scenario.steps()) {
                String where = scenario.file() + ":" + step.line() + whose + ": ";
                if (step.expectation() == null) {
                    try (Statement statement = step.sql().prepare(connection, context.dialect(), tenant)) {
                        step.sql().execute(statement);
                    } catch (SQLException e) {
                        problems.add(where + "the statement failed [SQLSTATE " + e.getSQLState() + "]: " + dev.flotilla.target.Failures.message(e));
                        break;
                    }
                } else {
                    Savepoint before = connection.setSavepoint();
                    String problem = step.expectation().check(connection, context.dialect(), step.sql(), tenant);
                    connection.rollback(before);
                    if (problem != null) {
                        problems.add(where + problem);
                    }
                }
            }
        } finally {
            if (own) {
                connection.rollback();
                connection.setAutoCommit(true);
                if (sqlite) {
                    Jdbc.execute(connection, "PRAGMA foreign_keys = OFF");
                }
            } else {
                connection.rollback(outer);
            }
        }
        return CheckResult.of(scenario.id(), scenario.steps().size() + " step(s) as expected, rolled back" + whose, problems);
    }
}
