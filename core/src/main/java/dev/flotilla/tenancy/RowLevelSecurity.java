package dev.flotilla.tenancy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.TargetSession;
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

    private RowLevelSecurity() {
    }

    public static GeneratedMigration generate(TargetSession session, RlsRequest request) throws SQLException {
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
            } else if (request.excludes(table.name())) {
                notes.add(table.name() + ": excluded, left without row-level security (shared by all tenants)");
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
        refuseNothingToDo(session, snapshot, column, tenantTables, tables);
        RlsScripts scripts = new RlsScripts(names, request, column);
        tables.forEach(table -> notes.addAll(scripts.notesOn(table)));
        String role = names.catalogCase(request.bypassRole());
        return new GeneratedMigration("row_level_security", dialect, comments(header(session, request.setting(), role, column,
                tables.size())) + "\n" + scripts.up(tables), comments(downHeader(role, tables.size())) + "\n" + scripts.down(tables),
                tables.stream().map(Table::name).toList(), notes);
    }

    private static boolean isolatedAlready(Table table) {
        return table.rowSecurity().enabled() && table.rowSecurity().forced()
                && table.policies().stream().anyMatch(p -> p.name().equals(ISOLATION_POLICY));
    }

    private static void refuseNothingToDo(TargetSession session, SchemaSnapshot snapshot, String column,
                                          List<Table> tenantTables, List<Table> tables) {
        String target = session.spec().displayName();
        if (tenantTables.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No table of " + target + " has the tenant column " + column
                    + (snapshot.tables().isEmpty() ? " (it has no tables)" : "") + ": adopt it first: flotilla tenancy adopt"
                    + " --default <tenant>, or name the column with --tenant-column.");
        }
        if (tables.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Nothing to do on " + target + ": every table with " + column
                    + " has row-level security enabled, forced and a " + ISOLATION_POLICY + " policy already.");
        }
    }

    private static List<String> header(TargetSession session, String setting, String role, String column, int tables) {
        return List.of("Written by `flotilla tenancy rls` from the schema of " + session.spec().displayName()
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
                        + " and shared by every database and schema there.");
    }

    private static List<String> downHeader(String role, int tables) {
        return List.of("Undoes row-level security on " + tables + " table(s): drops the policies, then no longer forces"
                        + " and disables row security where this migration turned it on.",
                "The role " + role + " stays: roles are cluster-wide and other schemas or databases may use it. Drop it"
                        + " by hand (DROP ROLE " + role + ") once none does.");
    }

    private static String comments(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("-- ").append(line).append('\n'));
        return text.toString();
    }
}
