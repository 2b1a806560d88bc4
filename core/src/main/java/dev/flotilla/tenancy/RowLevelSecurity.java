package dev.flotilla.tenancy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.schema.ViewsOver;
import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the migration that isolates the tenants of a shared PostgreSQL schema with row-level security
 * (issue 8): every table with the tenant column gets row security enabled and forced, a policy that lets a
 * role see and write only the rows of the tenant named by a setting ({@code app.tenant_id}), and a policy
 * that lets the members of a bypass role see and write them all. An unset setting sees no rows and can write
 * none. Reads the target's schema and changes nothing: the result is for review, then applied like any
 * migration; each of its statements can run again. Thread-safe; the session is used by the calling thread only.
 */
public final class RowLevelSecurity {
    /** The policy that keeps each tenant to its own rows. */
    public static final String ISOLATION_POLICY = "tenant_isolation";
    /** The policy that lets the bypass role through. */
    public static final String BYPASS_POLICY = "tenant_admin_bypass";
    private static final String DESCRIPTION = "row_level_security";

    private RowLevelSecurity() {
    }

    public static GeneratedMigration generate(TargetSession session, RlsRequest request) throws SQLException {
        return generate(session, request, null);
    }

    /**
     * The migration of row-level security, or {@link GeneratedMigration#isNothingToDo() nothing to do}.
     *
     * @param migrations the folder the migration goes to, where an adoption of the tenant column written but not
     *     applied yet is named when no table has the column; null for none
     */
    public static GeneratedMigration generate(TargetSession session, RlsRequest request, Path migrations) throws SQLException {
        String dialect = session.dialect().name();
        if (!"postgresql".equals(dialect)) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Row-level security is PostgreSQL's: "
                    + session.spec().displayName() + " is " + dialect + ", which has none. In a shared schema there, every"
                    + " query of the application must filter on " + request.column() + "; the tenant-column check guards"
                    + " the column.");
        }
        SchemaSnapshot snapshot = SnapshotReader.of(session);
        SqlNames names = new SqlNames(session.dialect());
        String column = names.catalogCase(request.column());
        List<String> notes = new ArrayList<>();
        List<Table> tenantTables = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        for (Table table : snapshot.tables()) {
            if (table.column(column).isEmpty()) {
                notes.add(table.name() + ": no " + column + " column, left without row-level security (shared by all tenants)");
            } else if (request.configures(table.name())) {
                notes.add(table.name() + ": excluded by checks.rls.exclude of flotilla.yml, left without row-level security"
                        + " (shared by all tenants)");
            } else if (request.excludes(table.name())) {
                notes.add(table.name() + ": excluded, left without row-level security (shared by all tenants; name it in"
                        + " checks.rls.exclude of flotilla.yml too, for the rls-enabled and rls-isolation checks to leave it"
                        + " alone)");
            } else {
                tenantTables.add(table);
                if (isolatedAlready(table)) {
                    notes.add(table.name() + ": row security enabled and forced, with a " + ISOLATION_POLICY
                            + " policy already; left as it is (the rls-enabled check looks at it)");
                } else {
                    tables.add(table);
                }
            }
        }
        List<View> views = viewsToBind(session, snapshot, tenantTables, request, notes);
        if (tenantTables.isEmpty()) {
            refuseWithoutTenantTables(session, snapshot, column, PendingAdoption.file(session, migrations, column));
        }
        // --exclude names views too (a view over tenant tables left reading them with its owner's rights).
        List<String> warnings = UnmatchedExclusions.warnings(request.exclude(), java.util.stream.Stream.concat(
                snapshot.tables().stream().map(Table::name), snapshot.views().stream().map(View::name)).toList(),
                session.spec().displayName(), "table or view", RlsRequest.RULES);
        if (tables.isEmpty() && views.isEmpty()) {
            return GeneratedMigration.nothingToDo(DESCRIPTION, dialect, "every table with " + column + " has row-level"
                    + " security enabled, forced and a " + ISOLATION_POLICY + " policy already, and every view over them is"
                    + " security_invoker", notes, warnings);
        }
        RlsScripts scripts = new RlsScripts(names, request, column);
        tables.forEach(table -> notes.addAll(scripts.notesOn(table)));
        String role = names.catalogCase(request.bypassRole());
        List<String> header = header(session, request.setting(), role, column, tables.size(), views.size());
        warnings.forEach(warning -> header.add("Warning: " + warning));
        return new GeneratedMigration(DESCRIPTION, dialect, comments(header) + "\n" + scripts.up(tables, views),
                comments(downHeader(role, tables.size(), views.size())) + "\n" + scripts.down(tables, views),
                tables.stream().map(Table::name).toList(), notes, warnings);
    }

    /**
     * The views over tenant tables that still read them with their owner's rights. A view owned by a superuser
     * (or by a member of the bypass role) would show every tenant's rows to whoever may select from it, so each
     * becomes {@code security_invoker}: the policies then bind its readers. Materialized views store their rows,
     * which no policy filters, and servers before PostgreSQL 15 have no security_invoker: those are noted.
     */
    private static List<View> viewsToBind(TargetSession session, SchemaSnapshot snapshot, List<Table> tenantTables,
                                          RlsRequest request, List<String> notes) throws SQLException {
        int version = session.connection().getMetaData().getDatabaseMajorVersion();
        List<View> views = new ArrayList<>();
        for (View view : ViewsOver.tables(snapshot, tenantTables.stream().map(Table::name).toList())) {
            if (request.excludes(view.name())) {
                notes.add(view.name() + ": a view over tenant tables, excluded" + (request.configures(view.name())
                        ? " by checks.rls.exclude of flotilla.yml" : "") + ": it reads them with its owner's rights, and"
                        + " whoever may select from it may see every tenant's rows");
            } else if (view.materialized()) {
                notes.add(view.name() + ": a materialized view over tenant tables: row-level security never filters the rows"
                        + " it stores; keep the application's role from reading it (REVOKE SELECT ON " + view.name() + " FROM"
                        + " <role>)");
            } else if (view.securityInvoker()) {
                continue;
            } else if (version < 15) {
                notes.add(view.name() + ": a view over tenant tables, read with its owner's rights past row-level security;"
                        + " this server is PostgreSQL " + version + " and security_invoker needs 15: revoke the application's"
                        + " SELECT on it (REVOKE SELECT ON " + view.name() + " FROM <role>)");
            } else {
                notes.add(view.name() + ": a view over tenant tables, made security_invoker so that its readers see only"
                        + " their tenant's rows; the down file resets it");
                views.add(view);
            }
        }
        return views;
    }

    private static boolean isolatedAlready(Table table) {
        return table.rowSecurity().enabled() && table.rowSecurity().forced()
                && table.policies().stream().anyMatch(p -> p.name().equals(ISOLATION_POLICY));
    }

    private static void refuseWithoutTenantTables(TargetSession session, SchemaSnapshot snapshot, String column,
                                                  String pendingAdoption) {
        String target = session.spec().displayName();
        String none = "No table of " + target + " has the tenant column " + column
                + (snapshot.tables().isEmpty() ? " (it has no tables)" : "");
        throw new FlotillaException(ErrorCode.BAD_USAGE, pendingAdoption != null
                ? none + " yet: apply the adoption migration " + pendingAdoption + " first (flotilla migrate, or flotilla"
                        + " deploy for the fleet), then run flotilla tenancy rls again."
                : none + ": adopt it first: flotilla tenancy adopt --default <tenant>, or name the column with --tenant-column.");
    }

    private static List<String> header(TargetSession session, String setting, String role, String column, int tables,
                                       int views) {
        List<String> lines = new ArrayList<>(List.of("Written by `flotilla tenancy rls` from the schema of " + session.spec().displayName()
                        + ", for postgresql. Review it before applying it.",
                "Enables and forces row-level security on " + tables + " table(s): a row is visible and writable only while"
                        + " the setting " + setting + " names its tenant (" + column + "). The application sets it per"
                        + " transaction, SELECT set_config('" + setting + "', '<tenant>', true), or per connection, SET "
                        + setting + " = '<tenant>'. Unset or empty, it sees no rows and can write none.",
                "Forced: the tables' owner is bound by the policies too. Superusers and roles with BYPASSRLS are not:"
                        + " the application must connect as a role that is neither.",
                "Members of " + role + " see and write every tenant's rows (policy " + BYPASS_POLICY + "). Grant it to"
                        + " administrators and to the role that runs migrations, which otherwise sees no rows in later"
                        + " backfills: GRANT " + role + " TO <role>; never to the application's role.",
                "Roles are cluster-wide: " + role + " is created once per server, when it is missing (which needs CREATEROLE),"
                        + " and shared by every database and schema there."));
        if (views > 0) {
            lines.add("Makes " + views + " view(s) over these tables security_invoker: a view reads its tables with its owner's"
                    + " rights otherwise, and one owned by a superuser shows every tenant's rows to whoever may select from it.");
        }
        return lines;
    }

    private static List<String> downHeader(String role, int tables, int views) {
        return List.of("Undoes row-level security on " + tables + " table(s): drops the policies, then no longer forces"
                        + " and disables row security where this migration turned it on"
                        + (views > 0 ? "; " + views + " view(s) read with their owner's rights again" : "") + ".",
                "The role " + role + " stays: roles are cluster-wide and other schemas or databases may use it. Drop it"
                        + " by hand (DROP ROLE " + role + ") once none does.");
    }

    private static String comments(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("-- ").append(line).append('\n'));
        return text.toString();
    }
}
