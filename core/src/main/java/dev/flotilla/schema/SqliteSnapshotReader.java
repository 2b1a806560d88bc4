package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.Check;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Trigger;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import dev.flotilla.sql.SqlText;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SQLite's schema with its table-valued pragmas joined to {@code sqlite_master}, one query per kind of
 * object. SQLite keeps no catalog of CHECK constraints or index predicates, so those are read from the
 * stored CREATE statements. Every full unique index counts as a unique constraint too.
 */
final class SqliteSnapshotReader implements SnapshotReader {
    private static final String TABLES = """
            SELECT m.name AS table_name, m.sql, p.name, p.type, p."notnull", p.dflt_value, p.pk
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY m.name, p.cid""";
    private static final String INDEXES = """
            SELECT m.name AS table_name, il.name AS index_name, il."unique", il.origin, il.partial, ii.name AS column_name,
                   x.sql AS index_sql
            FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii
            LEFT JOIN sqlite_master x ON x.type = 'index' AND x.name = il.name
            WHERE m.type = 'table' AND ii.key = 1
            ORDER BY m.name, il.name, ii.seqno""";
    private static final String FOREIGN_KEYS = """
            SELECT m.name AS table_name, f.id, f."table" AS ref_table, f."from", f."to", f.on_update, f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq""";
    private static final String OTHERS = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger')";
    private static final Pattern CHECK = Pattern.compile("(?i)\\bCHECK\\s*\\(");
    private static final Pattern WHERE = Pattern.compile("(?is)\\)\\s*WHERE\\s+(.*)$");
    private static final Pattern TRIGGER = Pattern.compile("(?is)\\b(BEFORE|AFTER|INSTEAD\\s+OF)?\\s*(INSERT|UPDATE|DELETE)\\b");

    private final SqlText text;

    SqliteSnapshotReader(SqlText text) {
        this.text = text;
    }

    @Override
    public SchemaSnapshot read(Connection connection, String schema, Set<String> excluded) throws SQLException {
        TableBuilders tables = new TableBuilders(excluded);
        Map<String, Map<Integer, String>> primaryKeys = new LinkedHashMap<>();
        CatalogQuery.each(connection, TABLES, row -> {
            String name = row.getString("table_name");
            TableBuilders.Builder table = tables.declare(name);
            if (table == null) {
                return;
            }
            if (table.columns.isEmpty()) {
                checks(row.getString("sql")).forEach(check -> table.checks.add(new Check(null, check)));
            }
            String column = row.getString("name");
            table.columns.add(new Column(column, row.getString("type").toUpperCase(), row.getInt("notnull") == 0,
                    row.getString("dflt_value")));
            if (row.getInt("pk") > 0) {
                primaryKeys.computeIfAbsent(name, n -> new TreeMap<>()).put(row.getInt("pk"), column);
            }
        });
        primaryKeys.forEach((table, columns) -> tables.of(table).primaryKey = List.copyOf(columns.values()));
        readIndexes(connection, tables);
        readForeignKeys(connection, tables, primaryKeys);
        CatalogQuery.each(connection, OTHERS, row -> {
            String sql = TableBuilders.normalize(row.getString("sql"), schema, '"');
            if ("view".equals(row.getString("type"))) {
                tables.view(row.getString("name"), sql);
            } else {
                Matcher event = TRIGGER.matcher(sql);
                boolean found = event.find();
                tables.of(row.getString("tbl_name")).triggers.add(new Trigger(row.getString("name"),
                        found && event.group(1) != null ? event.group(1).toUpperCase() : "BEFORE",
                        found ? event.group(2).toUpperCase() : "", sql));
            }
        });
        return tables.build("sqlite");
    }

    private static void readIndexes(Connection connection, TableBuilders tables) throws SQLException {
        Map<String, IndexRows> indexes = new LinkedHashMap<>();
        CatalogQuery.each(connection, INDEXES, row -> {
            String origin = row.getString("origin");
            if ("pk".equals(origin)) {
                return;
            }
            String table = row.getString("table_name");
            boolean unique = row.getInt("unique") == 1;
            String where = predicate(row.getString("index_sql"));
            IndexRows index = indexes.computeIfAbsent(row.getString("index_name"),
                    n -> new IndexRows(table, unique, origin, where));
            String column = row.getString("column_name");
            index.columns().add(column != null ? column : "<expression>");
        });
        indexes.forEach((name, index) -> {
            TableBuilders.Builder table = tables.of(index.table());
            table.indexes.add(new Index(name, index.columns(), index.unique(), index.where(), null));
            // SQLite enforces UNIQUE constraints with unique indexes and cannot add a constraint to an existing
            // table: a full unique index is its unique constraint.
            if (index.unique() && index.where() == null) {
                table.uniques.add(new Unique(name, index.columns()));
            }
        });
    }

    private static void readForeignKeys(Connection connection, TableBuilders tables,
                                        Map<String, Map<Integer, String>> primaryKeys) throws SQLException {
        Map<String, ForeignKeyRows> keys = new LinkedHashMap<>();
        CatalogQuery.each(connection, FOREIGN_KEYS, row -> {
            String table = row.getString("table_name");
            String refTable = row.getString("ref_table");
            String onDelete = row.getString("on_delete");
            String onUpdate = row.getString("on_update");
            ForeignKeyRows key = keys.computeIfAbsent(table + "\u0000" + row.getInt("id"),
                    k -> new ForeignKeyRows(table, refTable, onDelete, onUpdate));
            key.columns().add(row.getString("from"));
            key.refColumns().add(row.getString("to"));
        });
        keys.values().forEach(key -> {
            List<String> refColumns = key.refColumns();
            if (refColumns.stream().anyMatch(c -> c == null)) {
                // REFERENCES t without columns means t's primary key.
                refColumns = List.copyOf(primaryKeys.getOrDefault(key.refTable(), Map.of()).values());
            }
            tables.of(key.table()).foreignKeys.add(new ForeignKey(null, key.columns(), key.refTable(), refColumns,
                    key.onDelete(), key.onUpdate()));
        });
    }

    /** The CHECK expressions of a CREATE TABLE statement, each with its parentheses. */
    List<String> checks(String createTable) {
        List<String> checks = new ArrayList<>();
        if (createTable == null) {
            return checks;
        }
        Matcher matcher = CHECK.matcher(createTable);
        while (matcher.find()) {
            int open = matcher.end() - 1;
            int close = text.closing(createTable, open);
            if (close > open) {
                checks.add(createTable.substring(open, close + 1).replaceAll("\\s+", " "));
            }
        }
        return checks;
    }

    private static String predicate(String indexSql) {
        if (indexSql == null) {
            return null;
        }
        Matcher matcher = WHERE.matcher(indexSql);
        return matcher.find() ? matcher.group(1).replaceAll("\\s+", " ").strip() : null;
    }

    private record IndexRows(String table, boolean unique, String origin, String where, List<String> columns) {
        IndexRows(String table, boolean unique, String origin, String where) {
            this(table, unique, origin, where, new ArrayList<>());
        }
    }

    private record ForeignKeyRows(String table, String refTable, String onDelete, String onUpdate,
                                  List<String> columns, List<String> refColumns) {
        ForeignKeyRows(String table, String refTable, String onDelete, String onUpdate) {
            this(table, refTable, onDelete, onUpdate, new ArrayList<>(), new ArrayList<>());
        }
    }
}
