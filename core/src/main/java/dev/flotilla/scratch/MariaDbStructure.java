package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A MariaDB/MySQL database's structure from {@code SHOW CREATE} of every table (and sequence), function, procedure,
 * view and trigger, foreign key
 * checks off while the tables are created. DEFINER clauses are dropped (the copy needs no SUPER privilege) and
 * references to the database itself become the token.
 */
final class MariaDbStructure {
    static final String TABLES = "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?";
    /** By the table's schema, which MariaDB looks up directly; by TRIGGER_SCHEMA it reads every database's triggers. */
    static final String TRIGGERS = "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?";
    static final String ROUTINES = "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?";

    private MariaDbStructure() {
    }

    static List<String> statements(TargetSession source, Set<String> excluded) throws SQLException {
        Dialect dialect = source.dialect();
        Connection from = source.connection();
        Listed listed = Listed.of(source, table -> excluded.stream().noneMatch(table::equalsIgnoreCase));
        String qualified = dialect.quote(source.schema()) + ".";
        List<String> statements = new ArrayList<>(List.of("SET FOREIGN_KEY_CHECKS = 0"));
        // Before the tables whose DEFAULT NEXTVAL(...) names them. SHOW CREATE TABLE of a sequence would make one with
        // the default options (start 1, increment 1, cache 1000).
        for (String sequence : listed.sequences()) {
            statements.add(showCreate(from, "SEQUENCE " + qualified + dialect.quote(sequence), 2));
        }
        for (String table : listed.tables()) {
            statements.add(ownSequencesMoved(showCreate(from, "TABLE " + qualified + dialect.quote(table), 2), source.schema(),
                    StructureScript.SCHEMA_TOKEN, dialect));
        }
        statements.add("SET FOREIGN_KEY_CHECKS = 1");
        for (String routine : routines(source)) {
            statements.add(StructureScript.tokenize(routine, source.schema(), dialect));
        }
        for (String view : listed.views()) {
            statements.add(StructureScript.tokenize(withoutDefiner(showCreate(from, "VIEW " + qualified + dialect.quote(view), 2)),
                    source.schema(), dialect));
        }
        for (String trigger : Jdbc.queryStrings(from, TRIGGERS, source.schema())) {
            statements.add(StructureScript.tokenize(withoutDefiner(showCreate(from, "TRIGGER " + qualified
                    + dialect.quote(trigger), 3)), source.schema(), dialect));
        }
        return statements;
    }

    /** A database's tables, sequences and views by name, each in the order the catalog lists them. */
    record Listed(List<String> tables, List<String> sequences, List<String> views) {
        /** Those of {@code source}'s schema that {@code kept} keeps. */
        static Listed of(TargetSession source, Predicate<String> kept) throws SQLException {
            List<String> tables = new ArrayList<>();
            List<String> sequences = new ArrayList<>();
            List<String> views = new ArrayList<>();
            try (var statement = Jdbc.prepare(source.connection(), TABLES, source.schema());
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (kept.test(table)) {
                        String type = rows.getString(2);
                        ("VIEW".equals(type) ? views : "SEQUENCE".equals(type) ? sequences : tables).add(table);
                    }
                }
            }
            return new Listed(List.copyOf(tables), List.copyOf(sequences), List.copyOf(views));
        }
    }

    /** {@code CREATE FUNCTION} and {@code CREATE PROCEDURE} of every routine, without DEFINER; before views and triggers. */
    static List<String> routines(TargetSession source) throws SQLException {
        Dialect dialect = source.dialect();
        List<String> routines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (var statement = Jdbc.prepare(source.connection(), ROUTINES, source.schema()); ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                rows.add(List.of(r.getString(1), r.getString(2)));
            }
        }
        for (List<String> row : rows) {
            routines.add(withoutDefiner(showCreate(source.connection(), row.get(0) + " " + dialect.quote(source.schema()) + "."
                    + dialect.quote(row.get(1)), 3)));
        }
        return routines;
    }

    static String showCreate(Connection connection, String what, int column) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW CREATE " + what)) {
            row.next();
            return row.getString(column);
        }
    }

    /**
     * A table's {@code DEFAULT NEXTVAL(`db`.`seq`)} (SHOW CREATE TABLE names the database there) pointed at the copy's
     * database: left alone, the copy's rows would take their values from the source's sequence, and a copy built after
     * that database is gone would not be made at all. Only the quoted form is moved, as SHOW CREATE quotes it: a bare
     * {@code acme.} in a comment or a string default is the user's text.
     */
    static String ownSequencesMoved(String createTable, String schema, String to, Dialect dialect) {
        return createTable.replace(dialect.quote(schema) + ".", to + ".");
    }

    static String withoutDefiner(String sql) {
        return sql.replaceFirst("(?i)\\s+DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|\\S+)@(`[^`]*`|'[^']*'|\\S+)", "");
    }
}
