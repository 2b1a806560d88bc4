package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many rows each tenant owns across the tables that carry the tenant column (seed 003's "tenant_id
 * distribution"), counted in one query.
 */
record TenantDistribution(Map<String, Long> rowsByTenant) {
    TenantDistribution {
        rowsByTenant = Map.copyOf(rowsByTenant);
    }

    static TenantDistribution count(CheckContext context, List<Table> tables, String column) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return new TenantDistribution(rows);
        }
        String sql = tables.stream().map(t -> {
            String name = context.dialect().quote(t.column(column).orElseThrow().name());
            return "SELECT " + name + " AS tenant, COUNT(*) AS n FROM " + context.qualified(t.name()) + " GROUP BY " + name;
        }).collect(Collectors.joining(" UNION ALL "));
        try (Statement statement = context.connection().createStatement();
             ResultSet result = statement.executeQuery("SELECT tenant, SUM(n) FROM (" + sql + ") counts GROUP BY tenant")) {
            while (result.next()) {
                rows.put(String.valueOf(result.getString(1)), result.getLong(2));
            }
        }
        return new TenantDistribution(rows);
    }

    /** The tenant owning the most rows, or null when no table has rows. */
    String largest() {
        return rowsByTenant.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * {@code tenant caps-automotive: 155 rows, tenant other: 1 row}: the largest tenants first, at most {@code shown} of
     * them; each named as a tenant, as numeric ids ({@code 1 4, 2 2}) would read as a list of numbers.
     */
    String describe(int shown) {
        if (rowsByTenant.isEmpty()) {
            return "no rows yet";
        }
        String largest = rowsByTenant.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(shown).map(e -> "tenant " + e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " row" : " rows"))
                .collect(Collectors.joining(", "));
        return largest + (rowsByTenant.size() > shown ? " and " + (rowsByTenant.size() - shown) + " more tenant(s)" : "");
    }
}
