package dev.flotilla.tenancy;

import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few counts of rows an adoption depends on, taken on the database read when the migration is written
 * (a copy with the structure alone has no rows to count). Reads only; the connection is the caller's.
 */
final class TargetRows {
    private final Connection connection;
    private final Dialect dialect;

    TargetRows(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Rows of {@code table} where {@code column} is NULL. */
    long nulls(String table, String column) throws SQLException {
        return count("SELECT COUNT(*) FROM " + dialect.quote(table) + " WHERE " + dialect.quote(column) + " IS NULL");
    }

    /**
     * Rows of {@code table} whose parent row through {@code fk} (in {@code parent}, the table it references) has a tenant
     * other than {@code literal} in {@code parentColumn}, or none: once the backfill gives them {@code literal}, the
     * widened key refuses them.
     */
    long referencingOtherTenants(String table, ForeignKey fk, ReferencedTable parent, String parentColumn, String literal)
            throws SQLException {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            joined.add("c." + dialect.quote(fk.columns().get(i)) + " = p." + dialect.quote(fk.referencedColumns().get(i)));
        }
        String tenant = "p." + dialect.quote(parentColumn);
        return count("SELECT COUNT(*) FROM " + dialect.quote(table) + " c JOIN " + parent.sql(dialect)
                + " p ON " + String.join(" AND ", joined) + " WHERE " + tenant + " IS NULL OR " + tenant + " <> " + literal);
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(Jdbc.queryString(connection, sql));
    }
}
