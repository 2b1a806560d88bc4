package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.Check;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Routine;
import dev.flotilla.schema.SchemaSnapshot.Sequence;
import dev.flotilla.schema.SchemaSnapshot.Trigger;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads H2 2.x's {@code INFORMATION_SCHEMA} in ten queries. The non-unique indexes H2 creates by itself
 * for foreign keys are left out; the unique ones behind UNIQUE constraints are kept, as on PostgreSQL.
 */
final class H2SnapshotReader implements SnapshotReader {
    private static final String COLUMNS = """
            SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION,
                   c.NUMERIC_SCALE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.IS_IDENTITY
            FROM INFORMATION_SCHEMA.COLUMNS c
            JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
            WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'
            ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION""";
    private static final String INDEXES = """
            SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, i.IS_GENERATED, ic.COLUMN_NAME
            FROM INFORMATION_SCHEMA.INDEXES i
            JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME
            WHERE i.INDEX_SCHEMA = ?
            ORDER BY i.TABLE_NAME, i.INDEX_NAME, ic.ORDINAL_POSITION""";
    private static final String KEYS = """
            SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, tc.INDEX_NAME, k.COLUMN_NAME
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
            JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
                 AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            WHERE tc.CONSTRAINT_SCHEMA = ? AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
            ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION""";
    private static final String REFERENCES = """
            SELECT r.CONSTRAINT_NAME, r.UPDATE_RULE, r.DELETE_RULE, r.UNIQUE_CONSTRAINT_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME
            FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
            JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA
                 AND k.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
            WHERE r.CONSTRAINT_SCHEMA = ?
            ORDER BY r.CONSTRAINT_NAME, k.ORDINAL_POSITION""";
    private static final String CHECKS = """
            SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
            JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
                 AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            WHERE tc.CONSTRAINT_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'""";
    private static final String VIEWS = "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = ?";
    /** One row per event of a trigger ({@code BEFORE INSERT, UPDATE} is two). */
    private static final String TRIGGERS = """
            SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORIENTATION, IS_ROLLBACK,
                   JAVA_CLASS
            FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = ?""";
    /** The events of a trigger in the order CREATE TRIGGER names them. */
    private static final List<String> EVENTS = List.of("INSERT", "UPDATE", "DELETE", "SELECT");
    /** H2 does not list the sequences behind identity columns here: those are part of their column. */
    private static final String SEQUENCES = """
            SELECT SEQUENCE_NAME, DATA_TYPE, START_VALUE, INCREMENT, MINIMUM_VALUE, MAXIMUM_VALUE, CACHE, CYCLE_OPTION
            FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = ?""";
    /** Aliases: Java source or a static method, one row per overload. */
    private static final String ROUTINES = """
            SELECT SPECIFIC_NAME, ROUTINE_NAME, ROUTINE_TYPE, DATA_TYPE, ROUTINE_DEFINITION, EXTERNAL_NAME
            FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = ?""";
    private static final String PARAMETERS = """
            SELECT SPECIFIC_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.PARAMETERS WHERE SPECIFIC_SCHEMA = ?
            ORDER BY SPECIFIC_NAME, ORDINAL_POSITION""";

    @Override
    public SchemaSnapshot read(Connection connection, String schema, Set<String> excluded) throws SQLException {
        TableBuilders tables = new TableBuilders(excluded);
        readColumns(connection, schema, tables);
        Map<String, String> constraintOfIndex = new java.util.HashMap<>();
        Map<String, Rows> keys = readKeys(connection, schema, constraintOfIndex);
        readIndexes(connection, schema, tables, constraintOfIndex);
        addKeys(connection, schema, tables, keys);
        CatalogQuery.each(connection, CHECKS, row -> tables.of(row.getString("TABLE_NAME")).checks.add(
                new Check(row.getString("CONSTRAINT_NAME"), normalize(row.getString("CHECK_CLAUSE"), schema))), schema);
        CatalogQuery.each(connection, VIEWS, row -> tables.view(row.getString("TABLE_NAME"),
                normalize(row.getString("VIEW_DEFINITION"), schema)), schema);
        readTriggers(connection, schema, tables);
        readSequences(connection, schema, tables);
        readRoutines(connection, schema, tables);
        return tables.build("h2");
    }

    private static void readColumns(Connection connection, String schema, TableBuilders tables) throws SQLException {
        CatalogQuery.each(connection, COLUMNS, row -> {
            TableBuilders.Builder table = tables.declare(row.getString("TABLE_NAME"));
            if (table != null) {
                String type = row.getString("DATA_TYPE") + size(row.getString("DATA_TYPE"), row.getString("CHARACTER_MAXIMUM_LENGTH"),
                        row.getString("NUMERIC_PRECISION"), row.getString("NUMERIC_SCALE"));
                table.columns.add(new Column(row.getString("COLUMN_NAME"),
                        "YES".equals(row.getString("IS_IDENTITY")) ? type + " identity" : type,
                        "YES".equals(row.getString("IS_NULLABLE")), row.getString("COLUMN_DEFAULT")));
            }
        }, schema);
    }

    /** Each key constraint's table, kind and columns, by its name; {@code constraintOfIndex} learns the index each uses. */
    private static Map<String, Rows> readKeys(Connection connection, String schema, Map<String, String> constraintOfIndex)
            throws SQLException {
        Map<String, Rows> keys = new LinkedHashMap<>();
        CatalogQuery.each(connection, KEYS, row -> {
            String table = row.getString("TABLE_NAME");
            String kind = row.getString("CONSTRAINT_TYPE");
            if (row.getString("INDEX_NAME") != null) {
                constraintOfIndex.put(row.getString("INDEX_NAME"), row.getString("CONSTRAINT_NAME"));
            }
            keys.computeIfAbsent(row.getString("CONSTRAINT_NAME"), n -> new Rows(table, kind))
                    .columns().add(row.getString("COLUMN_NAME"));
        }, schema);
        return keys;
    }

    private static void readIndexes(Connection connection, String schema, TableBuilders tables,
                                    Map<String, String> constraintOfIndex) throws SQLException {
        Map<String, Rows> indexes = new LinkedHashMap<>();
        CatalogQuery.each(connection, INDEXES, row -> {
            String type = row.getString("INDEX_TYPE_NAME");
            boolean unique = type.startsWith("UNIQUE");
            if (type.startsWith("PRIMARY") || (row.getBoolean("IS_GENERATED") && !unique)) {
                return;
            }
            String table = row.getString("TABLE_NAME");
            indexes.computeIfAbsent(row.getString("INDEX_NAME"), n -> new Rows(table, unique ? "UNIQUE" : ""))
                    .columns().add(row.getString("COLUMN_NAME"));
        }, schema);
        // An index H2 made for a UNIQUE constraint goes by the constraint's name, as on PostgreSQL.
        indexes.forEach((name, index) -> tables.of(index.table()).indexes.add(
                new Index(constraintOfIndex.getOrDefault(name, name), index.columns(), !index.kind().isEmpty(), null, null)));
    }

    /** The {@code keys} on their tables: primary, unique, and foreign with the references read here. */
    private static void addKeys(Connection connection, String schema, TableBuilders tables, Map<String, Rows> keys)
            throws SQLException {
        Map<String, Rows> references = new LinkedHashMap<>();
        CatalogQuery.each(connection, REFERENCES, row -> {
            String refTable = tables.reference(schema, row.getString("UNIQUE_CONSTRAINT_SCHEMA"), row.getString("TABLE_NAME"),
                    '"');
            String rules = row.getString("DELETE_RULE") + "\u0000" + row.getString("UPDATE_RULE");
            references.computeIfAbsent(row.getString("CONSTRAINT_NAME"), n -> new Rows(refTable, rules))
                    .columns().add(row.getString("COLUMN_NAME"));
        }, schema);
        keys.forEach((name, key) -> {
            TableBuilders.Builder table = tables.of(key.table());
            switch (key.kind()) {
                case "PRIMARY KEY" -> table.primaryKey = key.columns();
                case "UNIQUE" -> table.uniques.add(new Unique(name, key.columns()));
                default -> {
                    Rows reference = references.get(name);
                    String[] rules = reference.kind().split("\u0000");
                    table.foreignKeys.add(new ForeignKey(name, key.columns(), reference.table(), reference.columns(),
                            rules[0], rules[1]));
                }
            }
        });
    }

    private static void readSequences(Connection connection, String schema, TableBuilders tables) throws SQLException {
        CatalogQuery.each(connection, SEQUENCES, row -> tables.sequences.add(new Sequence(row.getString("SEQUENCE_NAME"),
                row.getString("DATA_TYPE") + " start " + row.getString("START_VALUE") + " increment " + row.getString("INCREMENT")
                        + " min " + row.getString("MINIMUM_VALUE") + " max " + row.getString("MAXIMUM_VALUE") + " cache "
                        + row.getString("CACHE") + ("YES".equals(row.getString("CYCLE_OPTION")) ? " cycle" : " no cycle"))), schema);
    }

    /** Functions and procedures, each named with its parameters' types. */
    private static void readRoutines(Connection connection, String schema, TableBuilders tables) throws SQLException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        CatalogQuery.each(connection, PARAMETERS, row -> parameters.computeIfAbsent(row.getString("SPECIFIC_NAME"),
                n -> new ArrayList<>()).add(row.getString("DATA_TYPE")), schema);
        CatalogQuery.each(connection, ROUTINES, row -> {
            String source = row.getString("ROUTINE_DEFINITION");
            tables.routines.add(new Routine(row.getString("ROUTINE_TYPE").toLowerCase(java.util.Locale.ROOT),
                    row.getString("ROUTINE_NAME") + "(" + String.join(", ", parameters.getOrDefault(row.getString("SPECIFIC_NAME"),
                            List.of())) + ")", "returns " + row.getString("DATA_TYPE") + " "
                            + (source != null ? normalize(source, schema) : "for " + row.getString("EXTERNAL_NAME"))));
        }, schema);
    }

    /**
     * A trigger with all its events, as PostgreSQL's definition reads: {@code BEFORE INSERT OR UPDATE ON notes FOR EACH
     * ROW CALL com.example.Audit}, so that moving it to another table, event, timing or level is a change. A trigger
     * given as source ({@code AS '...'}) has no class: its source is compared instead (see {@link #triggerSources}).
     */
    private static void readTriggers(Connection connection, String schema, TableBuilders tables) throws SQLException {
        Map<String, TriggerRows> triggers = new LinkedHashMap<>();
        CatalogQuery.each(connection, TRIGGERS, row -> {
            TriggerRows trigger = triggers.get(row.getString("TRIGGER_NAME"));
            if (trigger == null) {
                trigger = new TriggerRows(row.getString("EVENT_OBJECT_TABLE"), row.getString("ACTION_TIMING"),
                        row.getString("ACTION_ORIENTATION"), row.getBoolean("IS_ROLLBACK"), row.getString("JAVA_CLASS"),
                        new java.util.TreeSet<>(java.util.Comparator.comparing(EVENTS::indexOf)));
                triggers.put(row.getString("TRIGGER_NAME"), trigger);
            }
            trigger.events().add(row.getString("EVENT_MANIPULATION"));
        }, schema);
        Map<String, String> sources = triggers.values().stream().anyMatch(t -> t.javaClass() == null)
                ? triggerSources(connection, schema) : Map.of();
        triggers.forEach((name, trigger) -> {
            String events = String.join(" OR ", trigger.events());
            tables.of(trigger.table()).triggers.add(new Trigger(name, trigger.timing(), events, trigger.timing() + " "
                    + events + (trigger.rollback() ? " OR ROLLBACK" : "") + " ON " + trigger.table() + " FOR EACH "
                    + trigger.level() + (trigger.javaClass() == null ? Trigger.H2_SOURCE + sources.getOrDefault(name, "source")
                    : Trigger.H2_CALL + trigger.javaClass())));
        });
    }

    /**
     * The source of the triggers given as source ({@code AS '...'}), by name: neither H2's catalog nor anything a
     * query reads shows it but {@code SCRIPT}, which commits the session's transaction (a dry run's). So it is read from
     * the engine the connection is to, which an embedded database is; over H2's TCP server there is none, and such a
     * trigger reads as {@code AS source}, its body not compared.
     */
    private static Map<String, String> triggerSources(Connection connection, String schema) throws SQLException {
        if (!(connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionLocal local)) {
            return Map.of();
        }
        org.h2.schema.Schema found = local.getDatabase().findSchema(schema);
        Map<String, String> sources = new LinkedHashMap<>();
        for (org.h2.schema.TriggerObject trigger : found == null ? List.<org.h2.schema.TriggerObject>of() : found.getAllTriggers()) {
            if (trigger.getTriggerSource() != null) {
                sources.put(trigger.getName(), "'" + trigger.getTriggerSource().replace("'", "''") + "'");
            }
        }
        return sources;
    }

    private static String size(String type, String length, String precision, String scale) {
        if (type.startsWith("CHARACTER") && length != null) {
            return "(" + length + ")";
        }
        if ((type.equals("NUMERIC") || type.equals("DECIMAL")) && precision != null) {
            return "(" + precision + (scale == null ? "" : ", " + scale) + ")";
        }
        return "";
    }

    private static String normalize(String text, String schema) {
        return TableBuilders.normalize(text, schema, '"');
    }

    /** The rows of one trigger: where, when, at which level and what it calls, and its events. */
    private record TriggerRows(String table, String timing, String level, boolean rollback, String javaClass,
                               java.util.SortedSet<String> events) {
    }

    /** Rows of one index, key or reference: where it is, what kind, its columns in order. */
    private record Rows(String table, String kind, List<String> columns) {
        Rows(String table, String kind) {
            this(table, kind, new ArrayList<>());
        }
    }
}
