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
            "check", "constraint", "auto_increment", "comment", "charset", "collate", "generated", "as", "on", "key",
            "identity", "invisible", "autoincrement", "first", "after", "storage", "column_format", "persistent", "stored", "virtual");
    /** The words a table definition's element starts with when it is no column. */
    private static final Set<String> NOT_COLUMNS = Set.of("constraint", "primary", "unique", "foreign", "check", "exclude",
            "key", "index", "fulltext", "spatial", "like", "period");
    /** The actions of an ALTER TABLE that change a column in a way not read here. */
    private static final Set<String> CHANGING = Set.of("drop", "modify", "change", "alter", "rename");
    /** The actions of an ALTER TABLE that change neither a key, an engine nor a character set (besides ADD, CHANGING). */
    private static final Set<String> KEEPING = Set.of("drop", "rename", "algorithm", "lock", "validate", "owner", "enable",
            "disable", "comment", "auto_increment", "force");

    /**
     * A column as a statement writes it.
     *
     * @param type its type as written, lower-case, words one space apart ({@code bigint unsigned}, {@code char(36)})
     * @param charset the character set it names ({@code CHARACTER SET latin1}), or null
     * @param collation the collation it names ({@code COLLATE latin1_bin}), or null
     */
    public record Column(String table, String name, String type, String charset, String collation) {
    }

    /**
     * A key or index a statement adds: a primary key, a unique constraint or index, a plain index (MariaDB's {@code KEY},
     * and the index it makes for a foreign key).
     *
     * @param columns its columns in order; an expression or a prefix part as written ({@code lower(email)}, {@code
     *                name(10)}), which no column's name matches
     */
    public record TableKey(String table, List<String> columns, boolean primary, boolean unique) {
        public TableKey {
            columns = List.copyOf(columns);
        }
    }

    /** What a {@code CREATE TABLE} says after its definition: {@code ENGINE}, {@code [DEFAULT] CHARSET}, {@code COLLATE}. */
    public record TableOptions(String engine, String charset, String collation) {
        static final TableOptions NONE = new TableOptions(null, null, null);
    }

    /**
     * A foreign key a statement adds.
     *
     * @param parentSchema the schema or database the reference names, as the catalog names it (by the dialect's {@link
     *                     Dialect#identifierKey}: PostgreSQL's {@code Other} for {@code "Other"}, {@code other} for
     *                     {@code Other}), or null when it names none
     * @param parentColumns the referenced columns; empty when it names none (PostgreSQL's primary key then)
     * @param constraint its name, or null when the database names it
     */
    public record ForeignKey(String table, List<String> columns, String parentSchema, String parent,
                             List<String> parentColumns, String constraint) {
        public ForeignKey {
            columns = List.copyOf(columns);
            parentColumns = List.copyOf(parentColumns);
        }

        /** How people read it: {@code bookings (branch_id) -> branches (id)}, {@code -> other.branches (id)}. */
        public String said() {
            return table + " (" + String.join(", ", columns) + ") -> " + (parentSchema == null ? "" : parentSchema + ".")
                    + parent
                    + (parentColumns.isEmpty() ? "" : " (" + String.join(", ", parentColumns) + ")");
        }
    }

    /**
     * What one statement says.
     *
     * @param defined the table whose every column this statement writes (a CREATE TABLE with its definition), or null
     * @param columns the columns it writes or adds, in order
     * @param changed the tables whose columns it changes otherwise (drops, modifies, renames one): not known after it
     * @param keys the keys and indexes it adds
     * @param reshaped the tables whose keys, engine or collations it changes in a way not read: not known after it;
     *                 {@code *} when it may do so to a table it does not name readably
     * @param options what it says of the {@code defined} table's engine and character set; {@link TableOptions#NONE}
     *                otherwise
     * @param schema the schema (or database) the table or view it creates, changes or drops is named in, as the catalog
     *               names it (as {@link ForeignKey#parentSchema}); null when it names none: all its tables are that
     *               schema's, and the parents it names without a schema are looked for as the database does
     */
    public record Reading(String defined, List<Column> columns, List<ForeignKey> foreignKeys, List<String> changed,
                          List<TableKey> keys, List<String> reshaped, TableOptions options, String schema) {
        public Reading {
            columns = List.copyOf(columns);
            foreignKeys = List.copyOf(foreignKeys);
            changed = List.copyOf(changed);
            keys = List.copyOf(keys);
            reshaped = List.copyOf(reshaped);
        }

        static final Reading NONE = new Reading(null, List.of(), List.of(), List.of(), List.of(), List.of(),
                TableOptions.NONE, null);
    }

    private final SqlText text;
    private final Dialect dialect;
    private final KeyDefinitionReading definitions;

    private ForeignKeyReading(Dialect dialect) {
        this.text = dialect.text();
        this.dialect = dialect;
        this.definitions = new KeyDefinitionReading(text, this::schemaOf);
    }

    public static ForeignKeyReading of(Dialect dialect) {
        return new ForeignKeyReading(dialect);
    }

    /** The schema {@code qualifier} names, as the catalog names it ({@link Dialect#identifierKey}); null for none. */
    private String schemaOf(SqlTerm qualifier) {
        return qualifier == null ? null : dialect.identifierKey(qualifier.name(),
                qualifier.kind() == SqlTerm.Kind.QUOTED_NAME);
    }

    /** What {@code sql}, one statement, says of columns, keys and foreign keys; nothing for any other statement. */
    public Reading of(String sql) {
        List<SqlTerm> terms = text.terms(sql);
        if (terms.size() < 3) {
            return Reading.NONE;
        }
        DdlCursor at = new DdlCursor(sql, terms, 1);
        if (terms.get(0).isWord("create")) {
            return create(at);
        }
        if (terms.get(0).isWord("alter")) {
            at.skipWord("ignore");
            if (at.at("table")) {
                at.next();
                return alterTable(at);
            }
        }
        return terms.get(0).isWord("drop") ? dropped(at) : Reading.NONE;
    }

    /** {@code DROP TABLE / VIEW [IF EXISTS] s.t}: nothing read but the schema of what it drops. */
    private Reading dropped(DdlCursor at) {
        while (at.more() && at.peek().isWordIn(Set.of("materialized", "temporary", "table", "view"))) {
            at.next();
        }
        at.skipIfExists();
        at.name();
        String schema = schemaOf(at.qualifier());
        return schema == null ? Reading.NONE : new ReadingParts().in(schema).reading(null, TableOptions.NONE);
    }

    private Reading create(DdlCursor at) {
        while (at.more() && at.peek().isWordIn(Set.of("or", "replace", "unlogged", "global", "local"))) {
            at.next();
        }
        if (at.more() && at.peek().isWordIn(KeyDefinitionReading.INDEX_KINDS)) {
            ReadingParts parts = new ReadingParts();
            definitions.createIndex(at, parts);
            return parts.reading(null, TableOptions.NONE);
        }
        if (!at.at("table")) {
            return dropped(at); // a temporary table, a view...: no parent of a key here, but its schema
        }
        at.next();
        at.skipIfNotExists();
        String table = lower(at.name());
        String schema = schemaOf(at.qualifier());
        if (table == null || !at.more() || at.peek().kind() != SqlTerm.Kind.GROUP) {
            return Reading.NONE;
        }
        SqlTerm definition = at.next();
        ReadingParts parts = new ReadingParts().in(schema);
        boolean whole = !at.restHas("select") && !at.restHas("as") && !at.restHas("inherits");
        TableOptions options = definitions.options(at);
        for (String element : text.splitTopLevel(inside(definition))) {
            DdlCursor one = new DdlCursor(element, text.terms(element), 0);
            if (!one.more()) {
                continue;
            }
            if (one.peek().isWordIn(NOT_COLUMNS)) {
                whole &= !one.at("like");
                definitions.tableKey(table, one, parts);
            } else {
                column(table, one, parts);
            }
        }
        if (!whole) {
            parts.reshaped.add(table);
        }
        return parts.reading(whole ? table : null, options);
    }

    private Reading alterTable(DdlCursor at) {
        at.skipIfExists();
        at.skipWord("only");
        String table = lower(at.name());
        if (table == null || !at.more()) {
            return Reading.NONE;
        }
        ReadingParts parts = new ReadingParts().in(schemaOf(at.qualifier()));
        for (String action : text.splitTopLevel(at.rest())) {
            DdlCursor one = new DdlCursor(action, text.terms(action), 0);
            boolean keeping = one.more() && one.peek().isWordIn(KEEPING);
            if (one.at("add")) {
                one.next();
                added(table, one, parts);
            } else if (one.more() && one.peek().isWordIn(CHANGING) && !changesNoColumn(one)) {
                parts.changed.add(table);
                parts.reshaped.add(table);
            } else if (one.more() && !keeping) {
                parts.reshaped.add(table); // ENGINE=, CONVERT TO CHARACTER SET, DEFAULT CHARSET=...: not read
            }
        }
        return parts.reading(null, TableOptions.NONE);
    }

    /** {@code DROP INDEX / KEY / CONSTRAINT / FOREIGN KEY / PRIMARY KEY}, {@code RENAME INDEX}: no column changes. */
    private static boolean changesNoColumn(DdlCursor action) {
        DdlCursor after = action;
        SqlTerm verb = after.next();
        boolean keyOnly = after.more() && after.peek().isWordIn(Set.of("index", "key", "constraint", "foreign", "primary",
                "check"));
        return keyOnly && (verb.isWord("drop") || verb.isWord("rename"));
    }

    private void added(String table, DdlCursor at, ReadingParts parts) {
        if (!at.more()) {
            return;
        }
        if (at.peek().isWordIn(NOT_COLUMNS)) {
            definitions.tableKey(table, at, parts);
            return;
        }
        at.skipWord("column");
        at.skipIfNotExists();
        if (at.more() && at.peek().kind() == SqlTerm.Kind.GROUP) { // MySQL's ADD (a INT, b INT)
            for (String element : text.splitTopLevel(inside(at.next()))) {
                column(table, new DdlCursor(element, text.terms(element), 0), parts);
            }
        } else {
            column(table, at, parts);
        }
    }

    /** A column's definition: its name, its type, its character set, and the keys it is part of or references. */
    private void column(String table, DdlCursor at, ReadingParts parts) {
        String name = at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL ? lower(at.next().name()) : null;
        if (name == null) {
            return;
        }
        StringBuilder type = new StringBuilder();
        while (at.more() && !at.peek().isWordIn(AFTER_TYPE) && !(at.at("character") && !type.isEmpty())) {
            SqlTerm term = at.next();
            boolean glued = term.kind() == SqlTerm.Kind.GROUP || term.kind() == SqlTerm.Kind.SYMBOL || type.isEmpty();
            type.append(glued ? "" : " ").append(term.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        }
        String charset = null;
        String collation = null;
        boolean primary = false;
        boolean unique = false;
        while (at.more()) {
            SqlTerm term = at.next();
            if (term.isWord("charset") || term.isWord("character") && at.at("set")) {
                at.skipWord("set");
                charset = lower(at.name());
            } else if (term.isWord("collate")) {
                collation = lower(at.name());
            } else if (term.isWord("unique")) {
                unique = true;
            } else if (term.isWord("primary") || term.isWord("key") && !unique) {
                primary = true; // MariaDB's KEY alone is the primary key
            } else if (term.isWord("references")) {
                definitions.reference(table, List.of(name), null, at, parts);
            }
        }
        parts.columns.add(new Column(table, name, type.isEmpty() ? null : type.toString(), charset, collation));
        if (primary || unique) {
            parts.keys.add(new TableKey(table, List.of(name), primary, true));
        }
    }

    static String lower(String name) {
        return name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    static String inside(SqlTerm group) {
        return group.text().substring(1, group.text().length() - (group.text().endsWith(")") ? 1 : 0));
    }
}
