package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows whose parent row is missing, for every foreign key: possible where the constraint was added
 * {@code NOT VALID}, checks were switched off during a load (MariaDB {@code FOREIGN_KEY_CHECKS=0}), or never
 * enforced (SQLite without {@code PRAGMA foreign_keys}). SQLite asks {@code pragma_foreign_key_check}.
 */
final class FkOrphansCheck implements Check {
    @Override
    public String id() {
        return "fk-orphans";
    }

    @Override
    public boolean readsTenantRows() {
        return true;
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        List<String> problems = new ArrayList<>();
        TenantScope scope = context.scope();
        String rowsOf = scope.shared() ? scope.describe() : "";
        int keys = 0;
        for (Table table : context.snapshot().tables().stream().filter(scope::covers).toList()) {
            for (ForeignKey fk : table.foreignKeys()) {
                keys++;
                long orphans = "sqlite".equals(context.dialect().name()) ? sqliteOrphans(context, table, fk) : orphans(context, table, fk);
                if (orphans > 0) {
                    problems.add(table.name() + "." + String.join(", ", fk.columns()) + " -> " + fk.referencedTable() + "."
                            + String.join(", ", fk.referencedColumns()) + ": " + orphans + " orphan row(s)" + rowsOf);
                }
            }
        }
        return CheckResult.of(id(), keys + " foreign key(s) without orphan rows" + scope.describe(), problems);
    }

    private static long orphans(CheckContext context, Table table, ForeignKey fk) throws SQLException {
        var q = context.dialect();
        List<String> notNull = new ArrayList<>();
        List<String> join = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            notNull.add("c." + q.quote(fk.columns().get(i)) + " IS NOT NULL");
            join.add("p." + q.quote(fk.referencedColumns().get(i)) + " = c." + q.quote(fk.columns().get(i)));
        }
        String scope = context.scope().shared()
                ? " AND " + TenantScope.condition(q, "c.", table.column(context.scope().column()).orElseThrow()) : "";
        String sql = "SELECT COUNT(*) FROM " + context.qualified(table.name()) + " c WHERE " + String.join(" AND ", notNull)
                + scope + " AND NOT EXISTS (SELECT 1 FROM " + context.qualified(fk.referencedTable()) + " p WHERE "
                + String.join(" AND ", join) + ")";
        Object[] parameters = scope.isEmpty() ? new Object[0] : new Object[] {context.scope().value()};
        return Long.parseLong(Jdbc.queryString(context.connection(), sql, parameters));
    }

    /**
     * SQLite's own check, which also finds keys whose parent table does not exist; a tenant's rows of a shared schema
     * are those of the orphans' rowids with its id in the column.
     */
    private static long sqliteOrphans(CheckContext context, Table table, ForeignKey fk) throws SQLException {
        TenantScope scope = context.scope();
        String own = scope.shared() ? " AND c.rowid IN (SELECT t.rowid FROM " + context.dialect().quote(table.name())
                + " t WHERE " + TenantScope.condition(context.dialect(), "t.", table.column(scope.column()).orElseThrow()) + ")" : "";
        Object[] parameters = scope.shared()
                ? new Object[] {table.name(), table.name(), fk.referencedTable(), fk.columns().get(0), scope.value()}
                : new Object[] {table.name(), table.name(), fk.referencedTable(), fk.columns().get(0)};
        String count = Jdbc.queryString(context.connection(), """
                SELECT COUNT(*) FROM pragma_foreign_key_check(?) c
                WHERE c.fkid IN (SELECT f.id FROM pragma_foreign_key_list(?) f WHERE f."table" = ? AND f."from" = ?)""" + own,
                parameters);
        return Long.parseLong(count);
    }
}
