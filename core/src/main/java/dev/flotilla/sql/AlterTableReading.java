package dev.flotilla.sql;

import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the actions of one {@code ALTER TABLE} add, drop and rename ({@code ADD COLUMN / CONSTRAINT / PRIMARY KEY /
 * UNIQUE / FOREIGN KEY / INDEX}, their {@code DROP}, {@code RENAME [TO] / COLUMN / INDEX / CONSTRAINT}; PostgreSQL's
 * {@code SET SCHEMA other}, the table dropped from the schema it leaves, with all on it), in the syntax of
 * PostgreSQL, MySQL/MariaDB, SQLite and H2: a part of {@link DdlReading}. Stateless and thread-safe.
 */
final class AlterTableReading {
    private static final Set<String> ADDED_CONSTRAINTS = Set.of("primary", "unique", "foreign", "check", "exclude");
    private static final Set<String> TABLE_KEYS = Set.of("unique", "foreign", "check", "exclude", "key", "index",
            "fulltext", "spatial");

    private final SqlText text;
    private final boolean renameKeepsSchema;

    /** @param renameKeepsSchema whether {@code RENAME TO y} keeps the table in its schema (MySQL's: the session's) */
    AlterTableReading(SqlText text, boolean renameKeepsSchema) {
        this.text = text;
        this.renameKeepsSchema = renameKeepsSchema;
    }

    /** The statement's objects, {@code at} past its {@code ALTER}. */
    void read(DdlCursor at, List<DdlObject> objects) {
        at.skipWord("ignore");
        if (!at.more() || !at.next().isWord("table")) {
            return;
        }
        at.skipIfExists();
        at.skipWord("only");
        String table = at.qualifiedName();
        if (table == null || !at.more()) {
            return;
        }
        at.skipSymbol("*");
        for (String action : text.splitTopLevel(at.rest())) {
            int before = objects.size();
            action(table, new DdlCursor(action, text.terms(action), 0), objects);
            if (objects.size() > before && objects.getLast().kind() == Kind.TABLE
                    && objects.getLast().change() == Change.RENAMED) {
                table = objects.getLast().name(); // MySQL renames it whatever the order: the others' under its new name
            }
        }
    }

    /**
     * The constraints (and MySQL's keys) a {@code CREATE TABLE}'s definition, {@code group}, writes beside its columns or
     * on one, as {@code ADD} would name them, all but an unnamed primary key (every table has one); each {@code change}d
     * as the table is.
     */
    void tableConstraints(String table, SqlTerm group, Change change, List<DdlObject> objects) {
        for (String element : text.splitTopLevel(inside(group))) {
            DdlCursor at = new DdlCursor(element, text.terms(element), 0);
            List<DdlObject> added = new java.util.ArrayList<>();
            if (at.more() && (at.at("constraint") || at.peek().isWordIn(TABLE_KEYS))) {
                added(table, at, added);
            } else if (at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL) {
                new ColumnConstraints(table, at.next().name(), false).read(at, added);
            }
            added.forEach(o -> objects.add(new DdlObject(o.kind(), change, o.name(), null, o.table())));
        }
    }

    /** One action of an ALTER TABLE on {@code table}. */
    private void action(String table, DdlCursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm verb = at.next();
        if (verb.isWord("add")) {
            added(table, at, objects);
        } else if (verb.isWord("drop")) {
            droppedFrom(table, at, objects);
        } else if (verb.isWord("rename")) {
            renamed(table, at, objects);
        } else if (verb.isWord("set") && at.at("schema")) {
            at.next();
            String schema = at.name(); // PostgreSQL's SET SCHEMA: it leaves this one, or arrives in the target's
            if (schema != null) {
                objects.add(new DdlObject(Kind.TABLE, Change.RENAMED, QualifiedNames.part(schema) + "."
                        + QualifiedNames.last(table), table));
            }
        }
    }

    private void added(String table, DdlCursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm first = at.peek();
        if (first.isWord("constraint")) {
            at.next();
            Change change = at.skipIfNotExists() ? Change.ENSURED : Change.CREATED;
            String name = at.name();
            if (name == null) {
                return;
            }
            objects.add(new DdlObject(Kind.CONSTRAINT, change, name).on(table));
            if (at.at("unique")) {
                objects.add(new DdlObject(Kind.INDEX, change, name).on(table)); // every database backs it with an index of its name
            }
        } else if (first.isWordIn(ADDED_CONSTRAINTS)) {
            constraint(table, at, objects);
        } else if (first.isWord("index") || first.isWord("key") || first.isWord("fulltext") || first.isWord("spatial")) {
            at.next();
            at.skipWord("index");
            at.skipWord("key");
            Change change = at.skipIfNotExists() ? Change.ENSURED : Change.CREATED;
            String name = at.more() && at.peek().kind() != SqlTerm.Kind.GROUP ? at.name() : null;
            if (name != null) {
                objects.add(new DdlObject(Kind.INDEX, change, name).on(table));
            }
        } else {
            column(table, at, objects);
        }
    }

    private void column(String table, DdlCursor at, List<DdlObject> objects) {
        at.skipWord("column");
        Change change = at.skipIfNotExists() ? Change.ENSURED : Change.CREATED;
        if (at.more() && at.peek().kind() == SqlTerm.Kind.GROUP) {
            for (String definition : text.splitTopLevel(inside(at.next()))) { // MySQL's and H2's ADD (a INT, b INT)
                column(table, new DdlCursor(definition, text.terms(definition), 0), change, objects);
            }
        } else {
            column(table, at, change, objects);
        }
    }

    /** A column's definition, {@code at} its name: it, then the constraints written on it. */
    private void column(String table, DdlCursor at, Change change, List<DdlObject> objects) {
        if (!at.more() || at.peek().kind() == SqlTerm.Kind.SYMBOL || at.peek().kind() == SqlTerm.Kind.GROUP) {
            return;
        }
        String column = at.next().name();
        objects.add(new DdlObject(Kind.COLUMN, change, table + "." + QualifiedNames.part(column)));
        List<DdlObject> constraints = new java.util.ArrayList<>();
        new ColumnConstraints(table, column, true).read(at, constraints);
        constraints.forEach(o -> objects.add(new DdlObject(o.kind(), change, o.name(), null, o.table())));
    }

    /** An unnamed constraint (PRIMARY KEY, UNIQUE [KEY name], FOREIGN KEY [name], CHECK): by its name when it has one. */
    private void constraint(String table, DdlCursor at, List<DdlObject> objects) {
        SqlTerm what = at.next();
        boolean unique = what.isWord("unique");
        boolean primary = what.isWord("primary");
        boolean foreign = what.isWord("foreign");
        at.skipWord("key");
        at.skipWord("index");
        String name = at.more() && at.peek().kind() != SqlTerm.Kind.GROUP && !at.at("using") ? at.name() : null;
        if (name != null && !primary) {
            objects.add(new DdlObject(Kind.CONSTRAINT, false, name).on(table));
            if (unique) {
                objects.add(new DdlObject(Kind.INDEX, false, name).on(table));
            }
            return;
        }
        String columns = at.more() && at.peek().kind() == SqlTerm.Kind.GROUP ? " " + columnList(at.next()) : "";
        String words = primary ? "primary key" : foreign ? "foreign key" : what.text().toLowerCase(Locale.ROOT);
        objects.add(new DdlObject(Kind.CONSTRAINT, false, table + ": " + words + (what.isWord("check") ? "" : columns)));
    }

    /** {@code (a, b)}: a parenthesised list's names, unquoted. */
    String columnList(SqlTerm group) {
        return "(" + String.join(", ", text.columns(inside(group))) + ")";
    }

    private static String inside(SqlTerm group) {
        return group.text().substring(1, group.text().length() - (group.text().endsWith(")") ? 1 : 0));
    }

    private void droppedFrom(String table, DdlCursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm what = at.peek();
        if (what.isWord("constraint") || what.isWord("check") || what.isWord("foreign")) {
            at.next();
            at.skipWord("key");
            at.skipIfExists();
            String name = at.name();
            if (name != null) {
                objects.add(new DdlObject(Kind.CONSTRAINT, true, name).on(table));
            }
        } else if (what.isWord("primary")) {
            objects.add(new DdlObject(Kind.CONSTRAINT, true, table + ": primary key"));
        } else if (what.isWord("index") || what.isWord("key")) {
            at.next();
            at.skipIfExists();
            String name = at.name();
            if (name != null) {
                objects.add(new DdlObject(Kind.INDEX, true, name).on(table));
            }
        } else if (!what.isWord("default") && !what.isWord("not") && !what.isWord("partition")) {
            at.skipWord("column");
            at.skipIfExists();
            if (at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL && at.peek().kind() != SqlTerm.Kind.GROUP) {
                objects.add(new DdlObject(Kind.COLUMN, true, table + "." + QualifiedNames.part(at.next().name())));
            }
        }
    }

    /**
     * {@code RENAME [TO | AS] new} (the table), {@code RENAME [COLUMN] a TO b}, {@code RENAME INDEX | KEY | CONSTRAINT
     * a TO b}: followed, so what a deployment created under one name is said under the one it ends with.
     */
    private void renamed(String table, DdlCursor at, List<DdlObject> objects) {
        if (at.at("to") || at.at("as")) {
            at.next();
            String name = at.qualifiedName(); // MySQL's RENAME TO other.t: out of this database
            if (name != null && renameKeepsSchema && !QualifiedNames.qualified(name)) {
                name = table.substring(0, table.length() - QualifiedNames.last(table).length()) + name; // in its schema
            }
            if (name != null) {
                objects.add(new DdlObject(Kind.TABLE, Change.RENAMED, name, table));
            }
            return;
        }
        Kind kind = at.at("index") || at.at("key") ? Kind.INDEX : at.at("constraint") ? Kind.CONSTRAINT : Kind.COLUMN;
        if (kind != Kind.COLUMN || at.at("column")) {
            at.next();
        }
        String old = at.name();
        if (old == null || !at.at("to")) {
            if (old != null && kind == Kind.COLUMN && !at.more()) {
                objects.add(new DdlObject(Kind.TABLE, Change.RENAMED, old, table)); // MySQL's RENAME new
            }
            return;
        }
        at.next();
        String name = at.name();
        if (name != null) {
            boolean column = kind == Kind.COLUMN;
            String prefix = column ? table + "." : "";
            objects.add(new DdlObject(kind, Change.RENAMED, prefix + (column ? QualifiedNames.part(name) : name),
                    prefix + (column ? QualifiedNames.part(old) : old), column ? null : table));
        }
    }
}
