package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads, from one statement's text alone, the foreign keys it adds and the column types it writes: {@code CREATE TABLE}'s
 * columns and keys (table-level {@code FOREIGN KEY (c) REFERENCES p (k)}, column-level {@code c type REFERENCES p (k)}),
 * {@code ALTER TABLE ... ADD [COLUMN] c type} and {@code ADD [CONSTRAINT x] FOREIGN KEY ...}, in the syntax of
 * PostgreSQL and MySQL/MariaDB (SQLite and H2 read the same). What a deploy checks against a tenant's live schema before
 * it runs a migration ({@code dev.flotilla.run.ForeignKeyPreflight}). Names are unquoted and lower-case; what it cannot
 * read it says nothing of. Stateless and thread-safe.
 */
public final class ForeignKeyReading {
    /** The words that end a column's type in its definition. */
    private static final Set<String> AFTER_TYPE = Set.of("not", "null", "default", "primary", "references", "unique",
            "check", "constraint", "auto_increment", "comment", "generated", "as", "on", "key", "identity", "invisible",
            "autoincrement", "first", "after", "storage", "column_format", "persistent", "stored", "virtual");
    /** The words a table definition's element starts with when it is no column. */
    private static final Set<String> NOT_COLUMNS = Set.of("constraint", "primary", "unique", "foreign", "check", "exclude",
            "key", "index", "fulltext", "spatial", "like", "period");
    /** The actions of an ALTER TABLE that change a column in a way not read here. */
    private static final Set<String> CHANGING = Set.of("drop", "modify", "change", "alter", "rename");

    /**
     * A column as a statement writes it.
     *
     * @param type its type as written, lower-case, words one space apart ({@code bigint unsigned}, {@code char(36)})
     */
    public record Column(String table, String name, String type) {
    }

    /**
     * A foreign key a statement adds.
     *
     * @param parentSchema the schema or database the reference names, or null when it names none
     * @param parentColumns the referenced columns; empty when it names none (PostgreSQL's primary key then)
     * @param constraint its name, or null when the database names it
     */
    public record ForeignKey(String table, List<String> columns, String parentSchema, String parent,
                             List<String> parentColumns, String constraint) {
        public ForeignKey {
            columns = List.copyOf(columns);
            parentColumns = List.copyOf(parentColumns);
        }

        /** How people read it: {@code bookings (branch_id) -> branches (id)}. */
        public String said() {
            return table + " (" + String.join(", ", columns) + ") -> " + parent
                    + (parentColumns.isEmpty() ? "" : " (" + String.join(", ", parentColumns) + ")");
        }
    }

    /**
     * What one statement says.
     *
     * @param defined the table whose every column this statement writes (a CREATE TABLE with its definition), or null
     * @param columns the columns it writes or adds, in order
     * @param changed the tables whose columns it changes otherwise (drops, modifies, renames one): not known after it
     */
    public record Reading(String defined, List<Column> columns, List<ForeignKey> foreignKeys, List<String> changed) {
        public Reading {
            columns = List.copyOf(columns);
            foreignKeys = List.copyOf(foreignKeys);
            changed = List.copyOf(changed);
        }

        static final Reading NONE = new Reading(null, List.of(), List.of(), List.of());
    }

    private final SqlText text;

    public ForeignKeyReading(SqlText text) {
        this.text = text;
    }

    public static ForeignKeyReading of(Dialect dialect) {
        return new ForeignKeyReading(dialect.text());
    }

    /** What {@code sql}, one statement, says of columns and foreign keys; nothing for any other statement. */
    public Reading of(String sql) {
        List<SqlTerm> terms = text.terms(sql);
        if (terms.size() < 3) {
            return Reading.NONE;
        }
        DdlCursor at = new DdlCursor(sql, terms, 1);
        if (terms.get(0).isWord("create")) {
            return createTable(at);
        }
        if (terms.get(0).isWord("alter")) {
            at.skipWord("ignore");
            if (at.at("table")) {
                at.next();
                return alterTable(at);
            }
        }
        return Reading.NONE;
    }

    private Reading createTable(DdlCursor at) {
        while (at.more() && at.peek().isWordIn(Set.of("or", "replace", "unlogged", "global", "local"))) {
            at.next();
        }
        if (!at.at("table")) {
            return Reading.NONE; // a temporary table, an index, a view...: no parent of a key here
        }
        at.next();
        at.skipIfNotExists();
        String table = lower(at.name());
        if (table == null || !at.more() || at.peek().kind() != SqlTerm.Kind.GROUP) {
            return Reading.NONE;
        }
        SqlTerm definition = at.next();
        List<Column> columns = new ArrayList<>();
        List<ForeignKey> keys = new ArrayList<>();
        boolean whole = !at.restHas("select") && !at.restHas("as") && !at.restHas("inherits");
        for (String element : text.splitTopLevel(inside(definition))) {
            DdlCursor one = new DdlCursor(element, text.terms(element), 0);
            if (!one.more()) {
                continue;
            }
            if (one.peek().isWordIn(NOT_COLUMNS)) {
                whole &= !one.at("like");
                tableKey(table, one, keys);
            } else {
                column(table, one, columns, keys);
            }
        }
        return new Reading(whole ? table : null, columns, keys, List.of());
    }

    private Reading alterTable(DdlCursor at) {
        at.skipIfExists();
        at.skipWord("only");
        String table = lower(at.name());
        if (table == null || !at.more()) {
            return Reading.NONE;
        }
        List<Column> columns = new ArrayList<>();
        List<ForeignKey> keys = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String action : text.splitTopLevel(at.rest())) {
            DdlCursor one = new DdlCursor(action, text.terms(action), 0);
            if (one.at("add")) {
                one.next();
                added(table, one, columns, keys);
            } else if (one.more() && one.peek().isWordIn(CHANGING) && !changesNoColumn(one)) {
                changed.add(table);
            }
        }
        return new Reading(null, columns, keys, changed);
    }

    /** {@code DROP INDEX / KEY / CONSTRAINT / FOREIGN KEY / PRIMARY KEY}, {@code RENAME INDEX}: no column changes. */
    private static boolean changesNoColumn(DdlCursor action) {
        DdlCursor after = action;
        SqlTerm verb = after.next();
        boolean keyOnly = after.more() && after.peek().isWordIn(Set.of("index", "key", "constraint", "foreign", "primary",
                "check"));
        return keyOnly && (verb.isWord("drop") || verb.isWord("rename"));
    }

    private void added(String table, DdlCursor at, List<Column> columns, List<ForeignKey> keys) {
        if (!at.more()) {
            return;
        }
        if (at.peek().isWordIn(NOT_COLUMNS)) {
            tableKey(table, at, keys);
            return;
        }
        at.skipWord("column");
        at.skipIfNotExists();
        if (at.more() && at.peek().kind() == SqlTerm.Kind.GROUP) { // MySQL's ADD (a INT, b INT)
            for (String element : text.splitTopLevel(inside(at.next()))) {
                column(table, new DdlCursor(element, text.terms(element), 0), columns, keys);
            }
        } else {
            column(table, at, columns, keys);
        }
    }

    /** A column's definition: its name, its type, and the key it references there, if any. */
    private void column(String table, DdlCursor at, List<Column> columns, List<ForeignKey> keys) {
        String name = at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL ? lower(at.next().name()) : null;
        if (name == null) {
            return;
        }
        StringBuilder type = new StringBuilder();
        while (at.more() && !at.peek().isWordIn(AFTER_TYPE)) {
            SqlTerm term = at.next();
            boolean glued = term.kind() == SqlTerm.Kind.GROUP || term.kind() == SqlTerm.Kind.SYMBOL || type.isEmpty();
            type.append(glued ? "" : " ").append(term.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        }
        columns.add(new Column(table, name, type.isEmpty() ? null : type.toString()));
        while (at.more() && !at.at("references")) {
            at.next();
        }
        if (at.at("references")) {
            at.next();
            reference(table, List.of(name), null, at, keys);
        }
    }

    /** A table's key, {@code at} on its first word: a foreign key is read, any other skipped. */
    private void tableKey(String table, DdlCursor at, List<ForeignKey> keys) {
        String constraint = null;
        if (at.at("constraint")) {
            at.next();
            at.skipIfNotExists();
            constraint = at.at("foreign") ? null : lower(at.name());
        }
        if (!at.at("foreign")) {
            return;
        }
        at.next();
        at.skipWord("key");
        if (at.more() && at.peek().kind() != SqlTerm.Kind.GROUP) {
            String named = lower(at.name()); // MySQL's FOREIGN KEY name (c)
            constraint = constraint == null ? named : constraint;
        }
        if (!at.more() || at.peek().kind() != SqlTerm.Kind.GROUP) {
            return;
        }
        List<String> columns = text.columns(inside(at.next()));
        if (at.at("references")) {
            at.next();
            reference(table, columns, constraint, at, keys);
        }
    }

    /** {@code [schema.]parent [(k, ...)]}, {@code at} past REFERENCES. */
    private void reference(String table, List<String> columns, String constraint, DdlCursor at, List<ForeignKey> keys) {
        if (!at.more() || at.peek().kind() == SqlTerm.Kind.SYMBOL || at.peek().kind() == SqlTerm.Kind.GROUP) {
            return;
        }
        String schema = null;
        String parent = at.next().name();
        while (at.more() && at.peek().kind() == SqlTerm.Kind.SYMBOL && at.peek().text().equals(".")) {
            at.next();
            if (!at.more()) {
                return;
            }
            schema = parent;
            parent = at.next().name();
        }
        List<String> parentColumns = at.more() && at.peek().kind() == SqlTerm.Kind.GROUP
                ? text.columns(inside(at.next())) : List.of();
        if (!parentColumns.isEmpty() && parentColumns.size() != columns.size()) {
            return; // the server refuses it for what it is, not for the parent
        }
        keys.add(new ForeignKey(table, columns, lower(schema), lower(parent), parentColumns, constraint));
    }

    private static String lower(String name) {
        return name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    private static String inside(SqlTerm group) {
        return group.text().substring(1, group.text().length() - (group.text().endsWith(")") ? 1 : 0));
    }
}
