package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import dev.flotilla.tenancy.AdoptionPlan.TableAdoption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * SQLite. Where ALTER TABLE can (the column NOT NULL with the tenant as its default, no key widened), the
 * column is simply added: existing rows read the default, nothing is rewritten. Where it cannot (the default
 * dropped, keys widened), the table is rebuilt the way SQLite's documentation describes: a new table with the
 * changed definition, the rows copied with the tenant filled in, the old table dropped, the new one renamed,
 * its indexes and triggers created again. The whole migration is one transaction, so it is all or nothing.
 * The rebuild relies on {@code PRAGMA foreign_keys} being off on the migration's connection (Flotilla's
 * default): with it on, dropping the old table would fire ON DELETE actions.
 */
final class SqliteAdoption implements AdoptionWriter {
    private static final String NEW = "flotilla_new_";
    private static final String OLD = "flotilla_old_";

    private final SqlNames names;
    private final Connection connection;

    SqliteAdoption(SqlNames names, Connection connection) {
        this.names = names;
        this.connection = connection;
    }

    @Override
    public String defaultType() {
        return "TEXT";
    }

    @Override
    public Scripts write(AdoptionPlan plan, String type) throws SQLException {
        Schema schema = Schema.read(connection);
        ScriptText up = new ScriptText();
        ScriptText down = new ScriptText();
        boolean rebuilds = plan.tables().stream().anyMatch(t -> rebuilt(plan, t));
        if (rebuilds) {
            // Renaming the rebuilt table must not trip over views and triggers naming the table just dropped.
            up.statement("PRAGMA legacy_alter_table = ON");
            down.statement("PRAGMA legacy_alter_table = ON");
        }
        List<ScriptText> downs = new ArrayList<>();
        for (TableAdoption table : plan.tables()) {
            up.blank().comment(table.name());
            ScriptText undo = new ScriptText().blank().comment(table.name());
            if (rebuilt(plan, table)) {
                rebuild(plan, table, type, schema, up, undo);
            } else {
                up.statement("ALTER TABLE " + names.sql(table.name()) + " ADD COLUMN " + names.sql(plan.column()) + " " + type
                        + " NOT NULL DEFAULT " + plan.request().literal());
                up.statement(createIndex(plan, table));
                // The column cannot be dropped while an index names it: the widened unique indexes go back first.
                for (Index index : table.uniqueIndexes()) {
                    undo.statement("DROP INDEX IF EXISTS " + names.sql(index.name()));
                    undo.statement(names.uniqueIndex(table.name(), index, index.columns()));
                }
                undo.statement("DROP INDEX IF EXISTS " + names.sql(tenantIndex(plan, table)));
                undo.statement("ALTER TABLE " + names.sql(table.name()) + " DROP COLUMN " + names.sql(plan.column()));
            }
            // A partial unique index (a full one is a unique constraint, widened above): the rebuilt table's undo
            // creates the original again with the table.
            for (Index index : table.uniqueIndexes()) {
                up.statement("DROP INDEX IF EXISTS " + names.sql(index.name()));
                up.statement(names.uniqueIndex(table.name(), index, AdoptionPlan.withColumn(plan.column(), index.columns())));
            }
            downs.add(undo);
        }
        parentKeysOfTablesAdoptedBefore(plan, up, down);
        Collections.reverse(downs);
        downs.forEach(d -> down.line(d.toString().stripTrailing()));
        if (rebuilds) {
            up.blank().statement("PRAGMA legacy_alter_table = OFF");
            down.blank().statement("PRAGMA legacy_alter_table = OFF");
        }
        return new Scripts(up.toString(), down.toString());
    }

    /**
     * A table that had the column before (adopted by an earlier run) is not rebuilt: the key that widened foreign
     * keys reference is a unique index on it, which SQLite takes as a parent key as well as a constraint.
     */
    private void parentKeysOfTablesAdoptedBefore(AdoptionPlan plan, ScriptText up, ScriptText down) {
        plan.parentKeys().forEach((table, keys) -> {
            if (!plan.adopts(table)) {
                up.blank().comment(table + ": the key widened foreign keys reference");
                down.blank().comment(table);
                for (List<String> key : keys) {
                    String index = names.sql(parentKeyName(table, key));
                    up.statement("CREATE UNIQUE INDEX IF NOT EXISTS " + index + " ON " + names.sql(table) + " (" + names.list(key) + ")");
                    down.statement("DROP INDEX IF EXISTS " + index);
                }
            }
        });
    }

    private String parentKeyName(String table, List<String> key) {
        return names.parentKey(table, key);
    }

    private static boolean rebuilt(AdoptionPlan plan, TableAdoption table) {
        return plan.request().dropDefault() || !table.uniques().isEmpty() || !table.foreignKeys().isEmpty()
                || !plan.parentKeysOf(table.name()).isEmpty();
    }

    private void rebuild(AdoptionPlan plan, TableAdoption table, String type, Schema schema, ScriptText up, ScriptText down) {
        String name = table.name();
        SqliteTableText text = SqliteTableText.parse(schema.tableSql(name));
        String column = names.sql(plan.column());
        String list = String.join(", ", table.table().columns().stream().map(c -> names.sql(c.name())).toList());
        String fresh = names.sql(NEW + name);
        up.statement(widened(plan, table, text, type).create(fresh));
        up.statement("INSERT INTO " + fresh + " (" + list + ", " + column + ") SELECT " + list + ", "
                + plan.request().literal() + " FROM " + names.sql(name));
        keepSequence(text, name, NEW + name, up);
        up.statement("DROP TABLE " + names.sql(name));
        up.statement("ALTER TABLE " + fresh + " RENAME TO " + names.sql(name));
        for (String index : schema.indexSql(name)) {
            up.statement(widenIndex(plan, table, index));
        }
        up.statement(createIndex(plan, table));
        for (ForeignKey fk : table.foreignKeys()) {
            List<String> columns = AdoptionPlan.withColumn(plan.column(), fk.columns());
            up.statement("CREATE INDEX IF NOT EXISTS " + names.sql(names.foreignKeyIndex(name, columns)) + " ON "
                    + names.sql(name) + " (" + names.list(columns) + ")");
        }
        schema.triggerSql(name).forEach(up::statement);

        String old = names.sql(OLD + name);
        down.statement(text.create(old));
        down.statement("INSERT INTO " + old + " (" + list + ") SELECT " + list + " FROM " + names.sql(name));
        keepSequence(text, name, OLD + name, down);
        down.statement("DROP TABLE " + names.sql(name));
        down.statement("ALTER TABLE " + old + " RENAME TO " + names.sql(name));
        schema.indexSql(name).forEach(down::statement);
        schema.triggerSql(name).forEach(down::statement);
    }

    /**
     * An AUTOINCREMENT table's counter goes to the table that replaces it: the copy's own counter is only its largest
     * id, so an id given out before and deleted since would be given out again. Dropping the table drops its row of
     * sqlite_sequence; renaming the copy renames the copy's.
     */
    private static void keepSequence(SqliteTableText text, String table, String copy, ScriptText script) {
        if (!text.autoincrement()) {
            return;
        }
        script.statement("DELETE FROM sqlite_sequence WHERE name = " + SqlNames.literal(copy));
        script.statement("INSERT INTO sqlite_sequence (name, seq) SELECT " + SqlNames.literal(copy) + ", seq FROM sqlite_sequence"
                + " WHERE name = " + SqlNames.literal(table));
    }

    /**
     * The table's definition with the tenant column added and its keys widened: table-level constraints
     * rewritten, column-level UNIQUE and REFERENCES moved to table level with the column, parent keys added.
     */
    private SqliteTableText widened(AdoptionPlan plan, TableAdoption table, SqliteTableText text, String type) {
        String column = names.sql(plan.column());
        List<String> columns = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        for (String constraint : text.constraints()) {
            constraints.add(widenConstraint(plan, table, constraint));
        }
        for (String definition : text.columns()) {
            String columnName = SqliteTableText.columnName(definition);
            String original = names.sql(originalName(table, columnName));
            if (widensUnique(table, List.of(columnName), true)) {
                definition = SqliteTableText.withoutUnique(definition);
                constraints.add("UNIQUE (" + column + ", " + original + ")");
            }
            String clause = SqliteTableText.referencesClause(definition);
            ForeignKey fk = clause == null ? null : widenedForeignKey(table, List.of(columnName), SqliteTableText.referencedTable(clause));
            if (fk != null) {
                definition = SqliteTableText.withoutReferences(definition);
                constraints.add(SqliteTableText.widenForeignKey("FOREIGN KEY (" + original + ") " + clause, column,
                        fk.referencedColumns().stream().map(names::sql).toList()));
            }
            columns.add(definition);
        }
        for (List<String> key : plan.parentKeysOf(table.name())) {
            constraints.add("UNIQUE (" + names.list(key) + ")");
        }
        columns.add(column + " " + type + " NOT NULL" + (plan.request().dropDefault() ? "" : " DEFAULT " + plan.request().literal()));
        return new SqliteTableText(columns, constraints, text.tail());
    }

    private String widenConstraint(AdoptionPlan plan, TableAdoption table, String constraint) {
        String column = names.sql(plan.column());
        List<String> unique = SqliteTableText.constrainedColumns(constraint, "unique");
        if (!unique.isEmpty() && widensUnique(table, unique, true)) {
            return SqliteTableText.prependToGroup(constraint, "unique", column);
        }
        List<String> foreign = SqliteTableText.constrainedColumns(constraint, "key");
        if (constraint.toLowerCase(Locale.ROOT).contains("foreign") && !foreign.isEmpty()) {
            ForeignKey fk = widenedForeignKey(table, foreign, SqliteTableText.referencedTable(constraint));
            if (fk != null) {
                return SqliteTableText.widenForeignKey(constraint, column,
                        fk.referencedColumns().stream().map(names::sql).toList());
            }
        }
        return constraint;
    }

    /** An index of the table as written, or rewritten with the tenant column first when it is a widened unique. */
    private String widenIndex(AdoptionPlan plan, TableAdoption table, String indexSql) {
        String name = SqliteTableText.uniqueIndexName(indexSql);
        for (Unique unique : table.uniques()) {
            if (unique.name() != null && unique.name().equalsIgnoreCase(name)) {
                return "CREATE UNIQUE INDEX " + names.sql(unique.name()) + " ON " + names.sql(table.name()) + " ("
                        + names.list(AdoptionPlan.withColumn(plan.column(), unique.columns())) + ")";
            }
        }
        return indexSql;
    }

    private static boolean widensUnique(TableAdoption table, List<String> columns, boolean automatic) {
        return table.uniques().stream().filter(u -> u.name() == null || u.name().startsWith("sqlite_autoindex_") == automatic)
                .anyMatch(u -> lower(u.columns()).equals(columns));
    }

    private static ForeignKey widenedForeignKey(TableAdoption table, List<String> columns, String parent) {
        return table.foreignKeys().stream()
                .filter(fk -> lower(fk.columns()).equals(columns) && fk.referencedTable().equalsIgnoreCase(parent))
                .findFirst().orElse(null);
    }

    private static String originalName(TableAdoption table, String lowerName) {
        return table.table().column(lowerName).map(c -> c.name()).orElse(lowerName);
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private String createIndex(AdoptionPlan plan, TableAdoption table) {
        return "CREATE INDEX IF NOT EXISTS " + names.sql(tenantIndex(plan, table)) + " ON " + names.sql(table.name())
                + " (" + names.sql(plan.column()) + ")";
    }

    private String tenantIndex(AdoptionPlan plan, TableAdoption table) {
        return names.tenantIndex(table.name(), plan.column());
    }

    /** The stored CREATE statements of the database's tables, explicit indexes and triggers. */
    private record Schema(List<String[]> rows) {
        static Schema read(Connection connection) throws SQLException {
            List<String[]> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
                    "SELECT type, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index', 'trigger')"
                            + " ORDER BY rowid")) {
                while (result.next()) {
                    rows.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
                }
            }
            return new Schema(rows);
        }

        String tableSql(String table) {
            return of("table", table).stream().findFirst().orElseThrow(() -> new IllegalStateException("no table " + table));
        }

        List<String> indexSql(String table) {
            return of("index", table);
        }

        List<String> triggerSql(String table) {
            return of("trigger", table);
        }

        private List<String> of(String type, String table) {
            return rows.stream().filter(r -> r[0].equals(type) && r[1].equalsIgnoreCase(table)).map(r -> r[2]).toList();
        }
    }
}
