package dev.flotilla.verify;

import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a target whose parent row is missing, counted for each foreign key of the tables in a scope: what
 * {@code fk-orphans} reports, and what a deployment counts before migrating so that the check after it fails only on
 * orphans the deployment introduced. Each key is named {@code table.columns -> referenced.columns}. SQLite asks
 * {@code pragma_foreign_key_check}, which also finds keys whose parent table does not exist.
 */
public final class ForeignKeyOrphans {
    private ForeignKeyOrphans() {
    }

    /** Each foreign key's orphan rows in {@code scope}, by its name; a key without any counts 0. */
    public static Map<String, Long> count(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot,
                                          TenantScope scope) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : snapshot.tables().stream().filter(scope::covers).toList()) {
            for (ForeignKey fk : table.foreignKeys()) {
                counts.put(name(table, fk), "sqlite".equals(dialect.name()) ? sqliteOrphans(connection, dialect, table, fk, scope)
                        : orphans(connection, dialect, schema, table, fk, scope, referenced(dialect, schema, snapshot, fk)));
            }
        }
        return counts;
    }

    /** "serials.company_id -> companies.id". */
    static String name(Table table, ForeignKey fk) {
        return table.name() + "." + String.join(", ", fk.columns()) + " -> " + fk.referencedTable() + "."
                + String.join(", ", fk.referencedColumns());
    }

    /** The table {@code fk} references ({@link ReferencedTable}), in the dialect's quoting, qualified with its schema. */
    static String referenced(Dialect q, String schema, SchemaSnapshot snapshot, ForeignKey fk) {
        ReferencedTable referenced = ReferencedTable.of(snapshot, fk);
        return referenced.inOwnSchema() ? CheckContext.qualified(q, schema, referenced.table()) : referenced.sql(q);
    }

    /** @param parent the referenced table, qualified and quoted */
    private static long orphans(Connection connection, Dialect q, String schema, Table table, ForeignKey fk, TenantScope scope,
                                String parent) throws SQLException {
        List<String> notNull = new ArrayList<>();
        List<String> join = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            notNull.add("c." + q.quote(fk.columns().get(i)) + " IS NOT NULL");
            join.add("p." + q.quote(fk.referencedColumns().get(i)) + " = c." + q.quote(fk.columns().get(i)));
        }
        String own = scope.shared() ? " AND " + TenantScope.condition(q, "c.", table.column(scope.column()).orElseThrow()) : "";
        String sql = "SELECT COUNT(*) FROM " + CheckContext.qualified(q, schema, table.name()) + " c WHERE "
                + String.join(" AND ", notNull) + own + " AND NOT EXISTS (SELECT 1 FROM "
                + parent + " p WHERE " + String.join(" AND ", join) + ")";
        Object[] parameters = own.isEmpty() ? new Object[0] : new Object[] {scope.value()};
        return Long.parseLong(Jdbc.queryString(connection, sql, parameters));
    }

    /** A tenant's rows of a shared schema are those of the orphans' rowids with its id in the column. */
    private static long sqliteOrphans(Connection connection, Dialect dialect, Table table, ForeignKey fk, TenantScope scope)
            throws SQLException {
        String own = scope.shared() ? " AND c.rowid IN (SELECT t.rowid FROM " + dialect.quote(table.name())
                + " t WHERE " + TenantScope.condition(dialect, "t.", table.column(scope.column()).orElseThrow()) + ")" : "";
        Object[] parameters = scope.shared()
                ? new Object[] {table.name(), table.name(), fk.referencedTable(), fk.columns().get(0), scope.value()}
                : new Object[] {table.name(), table.name(), fk.referencedTable(), fk.columns().get(0)};
        String count = Jdbc.queryString(connection, """
                SELECT COUNT(*) FROM pragma_foreign_key_check(?) c
                WHERE c.fkid IN (SELECT f.id FROM pragma_foreign_key_list(?) f WHERE f."table" = ? AND f."from" = ?)""" + own,
                parameters);
        return Long.parseLong(count);
    }
}
