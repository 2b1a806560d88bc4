package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Failures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The isolation proof of a shared PostgreSQL schema: connected as the application's role with tenant A's
 * setting, no row of another tenant is visible or writable, in any tenant table, nor readable through a view over
 * them that runs with its owner's rights ({@link IsolationProbe}); with the setting unset or empty, no row at all
 * is visible. That no policy lets a tenant move its rows to another (an UPDATE's WITH CHECK) is read from the
 * catalog ({@link TenantWritePolicies}): a probe limited to one row would not show it.
 * Runs in a transaction that is always rolled back ({@link RolledBack}): the role switch (SET LOCAL ROLE),
 * the setting, every write and the probe role (when no application role is configured, one is created for the
 * proof with the privileges an application has; CREATE ROLE is transactional) end with it.
 */
final class RlsIsolationCheck implements Check {
    @Override
    public String id() {
        return "rls-isolation";
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        String skipped = RlsEnabledCheck.skipped(context);
        if (skipped != null) {
            return CheckResult.skipped(id(), skipped);
        }
        VerifyOptions.RlsRule rule = context.options().rls();
        List<Table> tables = rule.tenantTables(context.snapshot());
        if (tables.isEmpty()) {
            return CheckResult.skipped(id(), "no table has " + rule.column() + " to probe (rls-enabled says so)");
        }
        try (RolledBack transaction = RolledBack.begin(context.connection())) {
            TenantValues values = TenantValues.read(context, tables, rule.column());
            String tenant = values.tenant(context.scope());
            if (tenant == null) {
                return CheckResult.skipped(id(), "no tenant has rows, and no value of type " + values.type(tables.get(0).name())
                        + " can be made up to act as one");
            }
            List<String> refused = new ArrayList<>();
            String role = rule.appRole() != null ? appRole(context.connection(), rule.appRole().toLowerCase(Locale.ROOT), refused)
                    : probeRole(context, tables, refused);
            if (role == null || !switchTo(context.connection(), role, refused)) {
                return CheckResult.of(id(), "", refused);
            }
            IsolationProbe probe = new IsolationProbe(context, transaction, role, tenant, values, rule.column());
            List<String> problems = new ArrayList<>();
            boolean unset = Jdbc.queryString(context.connection(), "SELECT current_setting(?, true)", rule.setting()) == null;
            if (unset) {
                problems.addAll(probeUnset(probe, tables, "unset"));
            }
            Jdbc.prepareAndRun(context.connection(), "SELECT set_config(?, ?, true)", rule.setting(), "");
            problems.addAll(probeUnset(probe, tables, "empty ('')"));
            Jdbc.prepareAndRun(context.connection(), "SELECT set_config(?, ?, true)", rule.setting(), tenant);
            for (Table table : tables) {
                try {
                    problems.addAll(probe.probe(table));
                } catch (SQLException e) {
                    problems.add(table.name() + ": could not be probed as " + role + " " + IsolationProbe.reason(e));
                }
            }
            TenantWritePolicies writes = new TenantWritePolicies(rule);
            tables.forEach(table -> problems.addAll(writes.problems(table, rule.column())));
            List<View> views = rule.tenantViews(context.snapshot());
            for (View view : views) {
                try {
                    problems.addAll(probe.probe(view));
                } catch (SQLException e) {
                    problems.add(view.name() + ": could not be probed as " + role + " " + IsolationProbe.reason(e));
                }
            }
            return CheckResult.of(id(), summary(rule, role, tenant, tables.size(), views.size(), probe, values, unset), problems);
        }
    }

    private static List<String> probeUnset(IsolationProbe probe, List<Table> tables, String state) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Table table : tables) {
            problems.addAll(probe.probeUnset(table, state));
        }
        return problems;
    }

    /** The configured role, or null (with why in {@code refused}) when row-level security cannot apply to it. */
    private static String appRole(Connection connection, String role, List<String> refused) throws SQLException {
        List<String> flags = Jdbc.queryRow(connection, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?", role);
        if (flags.isEmpty()) {
            refused.add("checks.rls appRole " + role + " does not exist on this server: name the role the application"
                    + " connects as");
        } else if ("t".equals(flags.get(0)) || "t".equals(flags.get(1))) {
            refused.add(role + " is " + ("t".equals(flags.get(0)) ? "a superuser" : "a BYPASSRLS role") + ": row-level"
                    + " security never applies to it. The application must connect as a role that is neither.");
        }
        return refused.isEmpty() ? role : null;
    }

    /** A role for the proof alone, with the privileges an application has on the tenant tables and the views over them. */
    private static String probeRole(CheckContext context, List<Table> tables, List<String> refused) throws SQLException {
        Connection connection = context.connection();
        String role = "flotilla_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String schema = context.dialect().quote(context.schema());
        try {
            Jdbc.execute(connection, "CREATE ROLE " + role + " NOLOGIN");
        } catch (SQLException e) {
            refused.add("could not create a probe role " + Failures.sentence(IsolationProbe.reason(e))
                    + " Connect as a role with CREATEROLE, or name the application's role in checks.rls appRole.");
            return null;
        }
        // Lets a CREATEROLE user that is not a superuser switch to it (PostgreSQL 16 no longer does by itself).
        Jdbc.execute(connection, "GRANT " + role + " TO CURRENT_USER");
        Jdbc.execute(connection, "GRANT USAGE ON SCHEMA " + schema + " TO " + role);
        Jdbc.execute(connection, "GRANT SELECT, INSERT, UPDATE, DELETE ON " + String.join(", ", tables.stream()
                .map(t -> context.qualified(t.name())).toList()) + " TO " + role);
        List<String> views = context.options().rls().tenantViews(context.snapshot()).stream()
                .map(v -> context.qualified(v.name())).toList();
        if (!views.isEmpty()) {
            Jdbc.execute(connection, "GRANT SELECT ON " + String.join(", ", views) + " TO " + role);
        }
        Jdbc.execute(connection, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
        return role;
    }

    private static boolean switchTo(Connection connection, String role, List<String> refused) throws SQLException {
        String user = Jdbc.queryString(connection, "SELECT current_user");
        try {
            Jdbc.execute(connection, "SET LOCAL ROLE \"" + role.replace("\"", "\"\"") + "\"");
            return true;
        } catch (SQLException e) {
            refused.add(user + " cannot switch to " + role + " " + Failures.sentence(IsolationProbe.reason(e))
                    + " GRANT " + role + " TO " + user + ", or run the checks as a superuser.");
            return false;
        }
    }

    private static String summary(VerifyOptions.RlsRule rule, String role, String tenant, int tables, int views,
                                  IsolationProbe probe, TenantValues values, boolean unset) {
        StringBuilder text = new StringBuilder("as " + (rule.appRole() == null ? "the probe role " + role + " (rolled back)"
                : role) + " with " + rule.setting() + " = '" + tenant + "', no row of another tenant was visible or writable in "
                + tables + " tenant table(s)" + (views == 0 ? "" : " and " + views + " view(s) over them")
                + ", and no row at all with it " + (unset ? "unset or empty" : "empty (unset not exercised: this session had"
                + " already set " + rule.setting() + ")"));
        if (!probe.visibilityNotExercised.isEmpty()) {
            text.append("; visibility not exercised on ").append(shown(probe.visibilityNotExercised))
                    .append(", where no other tenant has rows");
        }
        if (!probe.writesNotExercised.isEmpty()) {
            text.append("; writes not exercised on ").append(shown(probe.writesNotExercised));
        }
        if (values.sawNoRows()) {
            text.append("; the connecting user saw no rows at all: if the policies bind it, grant it the bypass role");
        }
        return text.toString();
    }

    private static String shown(List<String> tables) {
        return tables.size() + " table(s) (" + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                + (tables.size() > 5 ? ", ..." : "") + ")";
    }
}
