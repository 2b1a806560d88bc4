package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Dialect;

/**
 * Which rows belong to the tenant being checked: all of the target's (database- and schema-per-tenant), or
 * those with {@code column = value} (shared-schema). In a shared schema the rows of the tables without the column
 * belong to no tenant but to all of them ({@link #sharedTables}).
 *
 * @param value the tenant's id, which is also what {@code ${tenant}} of a custom check stands for: in a shared schema
 *     the value of its rows' column; on a whole target, the target's tenant ({@link #wholeTargetOf}); null for the
 *     tables without the column, or a whole target whose tenant is not known
 */
public record TenantScope(String column, String value) {
    public static final TenantScope WHOLE_TARGET = new TenantScope(null, null);

    /** Every row of the target of {@code tenant}, a database or schema of its own. */
    public static TenantScope wholeTargetOf(String tenant) {
        return new TenantScope(null, tenant);
    }

    /** The tables of a shared schema without {@code column}, whole: shared by every tenant, counted once for all. */
    public static TenantScope sharedTables(String column) {
        return new TenantScope(column, null);
    }

    /** One tenant's rows of a shared schema: those of the tables with the column whose value is the tenant's id. */
    boolean shared() {
        return column != null && value != null;
    }

    /** Whether the table's rows are in scope: every table of the target, those with the column, or those without. */
    boolean covers(Table table) {
        return column == null || table.column(column).isPresent() == (value != null);
    }

    /** What the rows in scope are, for a check's message: empty for the whole target. */
    String describe() {
        return column == null ? "" : value != null ? " of " + value : " in the tables without " + column + ", shared by all tenants";
    }

    /**
     * {@code alias."column" = ?}, the tenant's id its parameter: on PostgreSQL the parameter is cast to the column's
     * type, as a uuid or integer column cannot be compared with text (and a cast of the column would keep the
     * index on it from serving the query).
     *
     * @param alias the table's alias and a dot, or empty
     */
    static String condition(Dialect dialect, String alias, Column column) {
        String compared = alias + dialect.quote(column.name());
        return "postgresql".equals(dialect.name()) ? compared + " = CAST(? AS " + sqlType(column) + ")" : compared + " = ?";
    }

    /** The column's type as a cast names it: without what the snapshot says of a generated column. */
    static String sqlType(Column column) {
        return column.type().replaceFirst(" generated .*$", "");
    }
}
