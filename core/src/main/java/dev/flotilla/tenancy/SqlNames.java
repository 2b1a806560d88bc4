package dev.flotilla.tenancy;

import dev.flotilla.sql.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names in generated SQL. A name is written bare when the database reads it back unchanged (PostgreSQL folds
 * bare names to lower case, H2 to upper case), and quoted otherwise or when it is a reserved word; names
 * Flotilla makes up ({@code customers_tenant_id_idx}) stay within 63 characters.
 */
final class SqlNames {
    private static final int MAX_LENGTH = 63;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("all", "alter", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "authorization", "between", "binary", "both", "by", "case", "cast", "check", "collate", "column",
            "constraint", "create", "cross", "current_date", "current_role", "current_time", "current_timestamp",
            "current_user", "default", "delete", "desc", "distinct", "do", "drop", "else", "end", "except", "exists",
            "false", "fetch", "for", "foreign", "from", "full", "grant", "group", "having", "in", "index", "inner", "insert",
            "intersect", "into", "is", "join", "key", "keys", "leading", "left", "like", "limit", "natural", "not", "null",
            "offset", "on", "only", "or", "order", "outer", "primary", "references", "right", "row", "rows", "select",
            "session_user", "set", "some", "table", "then", "to", "trailing", "true", "union", "unique", "update", "user",
            "using", "value", "values", "when", "where", "window", "with");

    private final Dialect dialect;

    SqlNames(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The name as the catalog will spell it when the user wrote it bare: folded to the database's case. */
    String catalogCase(String name) {
        if (!PLAIN.matcher(name).matches()) {
            return name;
        }
        return switch (dialect.name()) {
            case "postgresql" -> name.toLowerCase(Locale.ROOT);
            case "h2" -> name.toUpperCase(Locale.ROOT);
            default -> name;
        };
    }

    /** {@code name} (as the catalog spells it) ready for SQL: bare when that reads back the same, else quoted. */
    String sql(String name) {
        boolean bare = PLAIN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))
                && switch (dialect.name()) {
                    case "postgresql" -> name.equals(name.toLowerCase(Locale.ROOT));
                    case "h2" -> name.equals(name.toUpperCase(Locale.ROOT));
                    default -> true;
                };
        return bare ? name : dialect.quote(name);
    }

    /** {@code text} as an SQL string literal, its quotes doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A made-up object name from its parts, in the database's case, shortened with a hash past 63 characters. */
    String derived(String... parts) {
        String joined = String.join("_", parts);
        String name = joined.length() <= MAX_LENGTH ? joined : joined.substring(0, MAX_LENGTH - 9) + "_" + hash(joined);
        return "h2".equals(dialect.name()) ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    /** The index an adoption gives a table on its tenant column. */
    String tenantIndex(String table, String column) {
        return derived(table, column, "idx");
    }

    /** The unique key on {@code (tenant column, id)} a parent gets, so that widened foreign keys can reference it. */
    String parentKey(String table, java.util.List<String> key) {
        return derivedFrom(table, key, "key");
    }

    /** The index a table gets for a widened foreign key, on its widened columns (the tenant column first). */
    String foreignKeyIndex(String table, java.util.List<String> widenedColumns) {
        return derivedFrom(table, widenedColumns, "idx");
    }

    private String derivedFrom(String table, java.util.List<String> columns, String suffix) {
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(table));
        parts.addAll(columns);
        parts.add(suffix);
        return derived(parts.toArray(String[]::new));
    }

    /** {@code CREATE UNIQUE INDEX IF NOT EXISTS} as {@code index} is, on {@code columns}, with its predicate (a partial index). */
    String uniqueIndex(String table, dev.flotilla.schema.SchemaSnapshot.Index index, java.util.List<String> columns) {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + sql(index.name()) + " ON " + sql(table) + " (" + list(columns) + ")"
                + (index.where() == null ? "" : " WHERE " + index.where());
    }

    /** A comma-separated list of names for SQL. */
    String list(java.util.List<String> names) {
        return String.join(", ", names.stream().map(this::sql).toList());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
