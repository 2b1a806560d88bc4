package dev.flotilla.scratch;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which rows a scratch copy gets: the first {@code rows} of each table, or none. In a shared schema, where the dry run
 * tests one tenant, the tables with the tenant column give that tenant's first rows ({@link #ofTenant}); the tables
 * without it, shared by all tenants, their first rows as they are.
 *
 * @param rows rows per table, 0 for the structure alone
 * @param tenantColumns for each table with the tenant column (compared case-insensitively), the column as the table
 *     names it; empty to copy every table's first rows whoever owns them
 * @param tenant the tenant whose rows the tables with the column give; null with no {@code tenantColumns}
 */
public record RowSample(int rows, Map<String, String> tenantColumns, String tenant) {
    public static final RowSample NONE = new RowSample(0, Map.of(), null);

    public RowSample {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be 0 or more, was " + rows);
        }
        Map<String, String> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        columns.putAll(tenantColumns);
        tenantColumns = java.util.Collections.unmodifiableMap(columns);
        if (!tenantColumns.isEmpty() && tenant == null) {
            throw new IllegalArgumentException("a sample of a tenant's rows needs the tenant");
        }
    }

    /** The first {@code rows} of each table, whichever tenant's they are. */
    public static RowSample first(int rows) {
        return new RowSample(rows, Map.of(), null);
    }

    /** The same number of rows, of {@code tenant}'s: those with its id in the column of the tables that have it. */
    public RowSample ofTenant(String tenant, Map<String, String> tenantColumns) {
        return new RowSample(rows, tenantColumns, tenant);
    }

    /** The tenant column of {@code table}, or null when its first rows are copied whoever owns them. */
    String columnOf(String table) {
        return tenantColumns.get(table);
    }
}
