package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tenants have rows in which tenant table, as the connecting user sees them before the isolation
 * proof switches role: the proof's tenant A is the most common one, and a write for tenant B uses a value
 * the column really holds where there is one. Values are read as text.
 */
final class TenantValues {
    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)\\)");
    private static final String MADE_UP = "flotilla-probe";

    private final Map<String, Map<String, Long>> rows;
    private final Map<String, String> types;

    private TenantValues(Map<String, Map<String, Long>> rows, Map<String, String> types) {
        this.rows = rows;
        this.types = types;
    }

    static TenantValues read(CheckContext context, List<Table> tables, String column) throws SQLException {
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        for (Table table : tables) {
            var col = table.column(column).orElseThrow();
            types.put(table.name(), TenantScope.sqlType(col));
            Map<String, Long> counts = new HashMap<>();
            String quoted = context.dialect().quote(col.name());
            try (PreparedStatement statement = context.connection().prepareStatement("SELECT CAST(" + quoted + " AS text),"
                    + " count(*) FROM " + context.qualified(table.name()) + " GROUP BY 1");
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            rows.put(table.name(), counts);
        }
        return new TenantValues(rows, types);
    }

    /** The scope's tenant when the check runs for one, else the one with the most rows, else a made-up one. */
    String tenant(TenantScope scope) {
        if (scope != null && scope.shared()) {
            return scope.value();
        }
        Map<String, Long> total = new HashMap<>();
        rows.values().forEach(counts -> counts.forEach((value, n) -> {
            if (value != null) {
                total.merge(value, n, Long::sum);
            }
        }));
        return total.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElseGet(() -> madeUp(types.values().iterator().next(), null));
    }

    /** True when the connecting user saw no row at all: it may be bound by the policies itself. */
    boolean sawNoRows() {
        return rows.values().stream().allMatch(Map::isEmpty);
    }

    String type(String table) {
        return types.get(table);
    }

    long rowsOf(String table, String tenant) {
        return rows.get(table).getOrDefault(tenant, 0L);
    }

    long rowsOfOthers(String table, String tenant) {
        return rows.get(table).entrySet().stream().filter(e -> !Objects.equals(e.getKey(), tenant))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Another tenant's value for the table's column: one it has rows of, else one of a table whose column has the
     * same type, else a made-up one; null when none can be made up for the type.
     */
    String other(String table, String tenant) {
        String type = types.get(table);
        return rows.get(table).keySet().stream().filter(v -> v != null && !v.equals(tenant)).findFirst()
                .or(() -> rows.entrySet().stream().filter(e -> types.get(e.getKey()).equals(type))
                        .flatMap(e -> e.getValue().keySet().stream()).filter(v -> v != null && !v.equals(tenant)).findFirst())
                .orElseGet(() -> madeUp(type, tenant));
    }

    /** A value of {@code type} other than {@code not}: text, a whole number or a uuid; null for other types. */
    static String madeUp(String type, String not) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("text") || lower.startsWith("char") || lower.startsWith("varchar") || lower.equals("citext")) {
            Matcher length = LENGTH.matcher(lower);
            String value = length.find() && Integer.parseInt(length.group(1)) < MADE_UP.length()
                    ? MADE_UP.substring(0, Integer.parseInt(length.group(1))) : MADE_UP;
            return value.equals(not) ? value.substring(0, value.length() - 1) + (value.endsWith("2") ? "3" : "2") : value;
        }
        if (lower.matches("smallint|integer|bigint|int[248]?|numeric.*|decimal.*")) {
            return "-1".equals(not) ? "-2" : "-1";
        }
        if (lower.equals("uuid")) {
            String zero = "00000000-0000-0000-0000-000000000000";
            return zero.equals(not) ? "00000000-0000-0000-0000-000000000001" : zero;
        }
        return null;
    }
}
