package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.sql.Dialect;

/**
 * Which rows belong to the tenant being checked: all of the target's (database- and schema-per-tenant), or
 * those with {@code column = value} (shared-schema).
 */
public record TenantScope(String column, String value) {
    public static final TenantScope WHOLE_TARGET = new TenantScope(null, null);

    boolean shared() {
        return column != null;
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
