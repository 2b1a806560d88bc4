package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import dev.flotilla.sql.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Probes one tenant table as the application's role with tenant A's setting, inside the proof's rolled-back
 * transaction: no row of another tenant is visible, a row for tenant B cannot be inserted, an UPDATE or DELETE
 * reaches none of theirs; and tenant A still sees its own rows and may write its own, so that a table that
 * denies everything (its tenant policy dropped) does not pass as isolated. Before the tenant is set, and with it
 * empty, no row at all is visible ({@link #probeUnset}). Every statement runs under a savepoint
 * of its own and is rolled back; what cannot be exercised (no other tenant's rows, a privilege the role lacks)
 * is noted, not failed.
 */
final class IsolationProbe {
    private final CheckContext context;
    private final RolledBack transaction;
    private final String role;
    private final String tenant;
    private final TenantValues values;
    private final String column;
    final List<String> visibilityNotExercised = new ArrayList<>();
    final List<String> writesNotExercised = new ArrayList<>();

    IsolationProbe(CheckContext context, RolledBack transaction, String role, String tenant, TenantValues values, String column) {
        this.context = context;
        this.transaction = transaction;
        this.role = role;
        this.tenant = tenant;
        this.values = values;
        this.column = column;
    }

    /** What leaked from or into the table, one line each; empty when it is isolated. */
    List<String> probe(Table table) throws SQLException {
        String name = table.name();
        String t = context.qualified(name);
        String col = context.dialect().quote(table.column(column).orElseThrow().name());
        String others = " WHERE " + col + " IS DISTINCT FROM CAST(? AS " + values.type(name) + ")";
        String mine = " WHERE " + col + " = CAST(? AS " + values.type(name) + ")";
        List<String> privileges = transaction.attempt(() -> Jdbc.queryRow(context.connection(), "SELECT"
                + " has_table_privilege(?, 'SELECT'), has_table_privilege(?, 'INSERT'), has_table_privilege(?, 'UPDATE'),"
                + " has_table_privilege(?, 'DELETE')", t, t, t, t));
        List<String> problems = new ArrayList<>();
        if (!"t".equals(privileges.get(0))) {
            visibilityNotExercised.add(name + " (" + role + " may not SELECT)");
        } else {
            read(name, t, others, mine, problems);
            write(name, "UPDATE " + t + " SET " + col + " = " + col + others, "UPDATE", privileges.get(2), problems);
            write(name, "DELETE FROM " + t + others, "DELETE", privileges.get(3), problems);
        }
        if (!"t".equals(privileges.get(1))) {
            writesNotExercised.add(name + " (" + role + " may not INSERT)");
        } else {
            insert(table, "INSERT INTO " + t + " (" + col + ") VALUES (CAST(? AS " + values.type(name) + "))", problems);
        }
        return problems;
    }

    /**
     * A view over tenant tables that reads them with its owner's rights (or stores their rows, materialized) shows
     * what the policies hide to any role that may select from it; a security_invoker view is bound as its tables are.
     */
    List<String> probe(View view) throws SQLException {
        if (view.securityInvoker() && !view.materialized()) {
            return List.of();
        }
        String v = context.qualified(view.name());
        String selectable = transaction.attempt(() -> Jdbc.queryString(context.connection(),
                "SELECT has_table_privilege(?, 'SELECT')", v));
        if (!"t".equals(selectable)) {
            return List.of();
        }
        String rows = transaction.attempt(() -> Jdbc.queryString(context.connection(), "SELECT count(*) FROM " + v));
        return List.of(view.name() + ": " + (view.materialized() ? "a materialized view over tenant tables, whose stored rows"
                + " no policy filters" : "a view over tenant tables that is not security_invoker, so it reads them with its"
                + " owner's rights") + ": " + role + " may select from it and sees " + rows + " row(s) through it as tenant '"
                + tenant + "'" + (view.materialized() ? "; revoke its SELECT" : "; ALTER VIEW " + view.name()
                + " SET (security_invoker = true) (flotilla tenancy rls writes it)"));
    }

    private void read(String name, String t, String others, String mine, List<String> problems) throws SQLException {
        long visible = count(t, others);
        if (visible > 0) {
            problems.add(name + ": " + visible + " row(s) of other tenants visible to " + role + " as tenant '" + tenant + "'");
        } else if (values.rowsOfOthers(name, tenant) == 0) {
            visibilityNotExercised.add(name);
        }
        long own = count(t, mine);
        long expected = values.rowsOf(name, tenant);
        if (own < expected) {
            problems.add(name + ": only " + own + " of the " + expected + " row(s) of tenant '" + tenant + "' visible to "
                    + role + ": no policy lets a tenant see its own rows");
        }
    }

    private long count(String t, String where) throws SQLException {
        return transaction.attempt(() -> Long.parseLong(Jdbc.queryString(context.connection(), "SELECT count(*) FROM " + t
                + where, tenant)));
    }

    /** An UPDATE or DELETE of other tenants' rows must reach none: hidden, or refused by a policy's WITH CHECK. */
    private void write(String name, String sql, String verb, String privilege, List<String> problems) throws SQLException {
        if (!"t".equals(privilege)) {
            writesNotExercised.add(name + " (" + role + " may not " + verb + ")");
            return;
        }
        try {
            int reached = transaction.attempt(() -> Jdbc.update(context.connection(), sql, tenant));
            if (reached > 0) {
                problems.add(name + ": " + verb + " as tenant '" + tenant + "' reached " + reached + " row(s) of other tenants");
            }
        } catch (SQLException e) {
            if (!refusedByPolicy(e)) {
                problems.add(name + ": " + verb + " as tenant '" + tenant + "' failed " + reason(e));
            }
        }
    }

    /**
     * Before the setting is set, and with it empty, the application's role sees no row of the table: a policy that
     * lets an unset tenant through (USING (... OR setting IS NULL)) shows every tenant's rows to a connection that
     * forgot to set it. An error (current_setting without missing_ok) shows nothing either.
     */
    List<String> probeUnset(Table table, String state) throws SQLException {
        String t = context.qualified(table.name());
        String selectable = transaction.attempt(() -> Jdbc.queryString(context.connection(),
                "SELECT has_table_privilege(?, 'SELECT')", t));
        if (!"t".equals(selectable)) {
            return List.of();
        }
        long visible;
        try {
            visible = transaction.attempt(() -> Long.parseLong(Jdbc.queryString(context.connection(), "SELECT count(*) FROM " + t)));
        } catch (SQLException e) {
            return List.of();
        }
        return visible == 0 ? List.of() : List.of(table.name() + ": " + visible + " row(s) visible to " + role + " with the"
                + " tenant setting " + state + ": a connection that has not set its tenant must see none");
    }

    /** A row for tenant B must be refused by a policy, before any constraint looks at it; one for tenant A must not. */
    private void insert(Table table, String sql, List<String> problems) throws SQLException {
        String name = table.name();
        String other = values.other(name, tenant);
        if (other == null) {
            writesNotExercised.add(name + " (no other tenant's value of type " + values.type(name) + " to write)");
        } else {
            SQLException failure = insertFailure(sql, other);
            if (failure == null) {
                problems.add(name + ": a row of tenant '" + other + "' was not refused by row-level security when inserted"
                        + " as tenant '" + tenant + "': it was inserted");
            } else if (!refusedByPolicy(failure)) {
                problems.add(notRefused(table, other, failure, bypass(table)));
            }
        }
        SQLException own = insertFailure(sql, tenant);
        if (own != null && refusedByPolicy(own)) {
            problems.add(name + ": a row of tenant '" + tenant + "' itself was refused: no policy's WITH CHECK lets a tenant"
                    + " write its own rows");
        }
    }

    /** The insert's failure, or null when the row was inserted (rolled back to its savepoint either way). */
    private SQLException insertFailure(String sql, String value) throws SQLException {
        try {
            transaction.attempt(() -> Jdbc.update(context.connection(), sql, value));
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * Why another tenant's row failed other than by a policy. PostgreSQL checks an INSERT's policies before the table's
     * constraints (class 23: NOT NULL, CHECK, keys), so a row stopped by one got past them; a failure before the policies
     * (a column default, a BEFORE trigger) leaves the question open.
     */
    private String notRefused(Table table, String other, SQLException failure, String bypass) {
        String row = "a row of tenant '" + other + "' inserted as tenant '" + tenant + "'";
        String sets = table.column(column).map(c -> c.name()).orElse(column);
        if (String.valueOf(failure.getSQLState()).startsWith("23")) {
            return table.name() + ": " + row + " got past row-level security: " + bypass + ". PostgreSQL checks a"
                    + " table's policies before its constraints, and this row, which sets only " + sets
                    + ", was stopped only by " + constraint(failure) + " [SQLSTATE " + failure.getSQLState() + "]; write the"
                    + " fix with flotilla tenancy rls";
        }
        return table.name() + ": could not tell whether row-level security refuses " + row + ": the insert failed before"
                + " PostgreSQL checked the policies (in a column default or a BEFORE INSERT trigger) " + reason(failure)
                + ". Let " + role + " insert a row that sets only " + sets + " (grant what the default or trigger needs),"
                + " or prove this table by hand";
    }

    /** Why no policy stopped a row: row security off, not forced for the owner probing, or no WITH CHECK that refuses it. */
    private String bypass(Table table) throws SQLException {
        if (!table.rowSecurity().enabled()) {
            return "row security is not enabled on " + table.name();
        }
        String owner = transaction.attempt(() -> Jdbc.queryString(context.connection(), "SELECT pg_get_userbyid(relowner)"
                + " FROM pg_class WHERE oid = CAST(? AS regclass)", context.qualified(table.name())));
        return !table.rowSecurity().forced() && role.equals(owner) ? "row security is not forced, and " + role + " owns "
                + table.name() + ", so its policies do not bind it" : "no policy's WITH CHECK refused it";
    }

    /** The constraint that stopped a row: {@code column id: NOT NULL without a default}, a named one, or the message. */
    private static String constraint(SQLException failure) {
        var server = failure instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if ("23502".equals(failure.getSQLState()) && server != null && server.getColumn() != null) {
            return "column " + server.getColumn() + ": NOT NULL without a default";
        }
        if (server != null && server.getConstraint() != null) {
            return "constraint " + server.getConstraint();
        }
        return "a constraint (" + dev.flotilla.target.Failures.message(failure).lines().findFirst().orElse("").strip() + ")";
    }

    /** The SQLSTATE and the first line of the database's message, without the detail that shows row values. */
    static String reason(SQLException e) {
        return "[SQLSTATE " + e.getSQLState() + "]: " + dev.flotilla.target.Failures.message(e).lines().findFirst().orElse("").strip();
    }

    /**
     * A row-level security violation: SQLSTATE 42501, raised where PostgreSQL checks the policies. A missing
     * privilege (on the table, or on the sequence of a default) has the same SQLSTATE, so the server's routine
     * tells them apart, whatever the language of its messages.
     */
    static boolean refusedByPolicy(SQLException e) {
        if (!"42501".equals(e.getSQLState())) {
            return false;
        }
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getRoutine() != null) {
            return p.getServerErrorMessage().getRoutine().equals("ExecWithCheckOptions");
        }
        return String.valueOf(e.getMessage()).contains("row-level security");
    }
}
