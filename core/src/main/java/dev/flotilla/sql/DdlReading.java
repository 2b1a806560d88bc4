package dev.flotilla.sql;

import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads which schema objects one statement creates or drops, from its text alone: {@code CREATE [UNIQUE] INDEX},
 * {@code CREATE TABLE / VIEW / SEQUENCE / FUNCTION / PROCEDURE / TRIGGER}, {@code ALTER TABLE ... ADD COLUMN / ADD
 * CONSTRAINT / ADD PRIMARY KEY / UNIQUE / FOREIGN KEY / INDEX} and the {@code DROP} of each, in the syntax of
 * PostgreSQL, MySQL/MariaDB, SQLite and H2. What it cannot read (a {@code DO} block, a procedure call, an index with no
 * name, a temporary table) it says nothing of rather than guess. The objects a created table defines inline are part
 * of the table, as the dry run's diff counts them. Stateless and thread-safe.
 */
public final class DdlReading {
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "unique", "fulltext", "spatial", "hash",
            "clustered", "nonclustered", "unlogged", "memory", "cached", "materialized", "recursive", "constraint",
            "aggregate", "global", "local", "force", "noforce", "editionable");
    private static final Set<String> TEMPORARY = Set.of("temp", "temporary", "volatile");
    private static final Set<String> ADDED_CONSTRAINTS = Set.of("primary", "unique", "foreign", "check", "exclude");

    private final SqlText text;
    private final boolean uniqueIndexIsConstraint;

    /**
     * @param uniqueIndexIsConstraint whether a {@code CREATE UNIQUE INDEX} (one with no {@code WHERE}) also makes a unique
     *     constraint, as the dialect's catalog tells them (MariaDB and SQLite do; PostgreSQL and H2 keep them apart), so
     *     the results say what the dry run's diff says
     */
    public DdlReading(SqlText text, boolean uniqueIndexIsConstraint) {
        this.text = text;
        this.uniqueIndexIsConstraint = uniqueIndexIsConstraint;
    }

    /** The reading of {@code dialect}'s statements. */
    public static DdlReading of(Dialect dialect) {
        return new DdlReading(dialect.text(), dialect.name().equals("mariadb") || dialect.name().equals("sqlite"));
    }

    /** The objects {@code sql}, one statement, creates or drops, in the order it names them; empty when it is none of those. */
    public List<DdlObject> of(String sql) {
        List<SqlTerm> terms = text.terms(sql);
        List<DdlObject> objects = new ArrayList<>();
        if (terms.size() < 3) {
            return objects;
        }
        Cursor at = new Cursor(sql, terms, 1);
        if (terms.get(0).isWord("create")) {
            create(at, objects);
        } else if (terms.get(0).isWord("alter")) {
            alter(at, objects);
        } else if (terms.get(0).isWord("drop")) {
            drop(at, objects);
        }
        return objects;
    }

    private void create(Cursor at, List<DdlObject> objects) {
        Kind kind = null;
        boolean unique = false;
        while (kind == null && at.more()) {
            SqlTerm term = at.next();
            unique |= term.isWord("unique");
            kind = kindOf(term);
            if (kind != null) {
                break;
            }
            if (term.isWord("definer")) {
                at.skipUntilKind(); // MySQL's DEFINER = `user`@`host`, SQL SECURITY ...
            } else if (term.isWordIn(TEMPORARY) || !(term.isWordIn(CREATE_MODIFIERS) || term.isWord("algorithm")
                    || term.isWord("sql") || term.isWord("security") || term.isWord("definer") || term.isWord("invoker")
                    || term.isWord("merge") || term.isWord("undefined") || term.isWord("temptable")
                    || term.kind() == SqlTerm.Kind.SYMBOL && term.text().equals("="))) {
                return;
            }
        }
        if (kind == null) {
            return;
        }
        if (kind == Kind.INDEX) {
            at.skipWord("concurrently");
        }
        at.skipIfNotExists();
        if (!at.more() || at.peek().isWord("on")) {
            return; // an index with no name: the database makes one up
        }
        String name = at.name();
        if (name != null) {
            objects.add(new DdlObject(kind, false, name));
            if (kind == Kind.INDEX && unique && uniqueIndexIsConstraint && !at.restHas("where")) {
                objects.add(new DdlObject(Kind.CONSTRAINT, false, name));
            }
        }
    }

    private static Kind kindOf(SqlTerm term) {
        if (term.kind() != SqlTerm.Kind.WORD) {
            return null;
        }
        return switch (term.text().toLowerCase(java.util.Locale.ROOT)) {
            case "table" -> Kind.TABLE;
            case "index" -> Kind.INDEX;
            case "view" -> Kind.VIEW;
            case "sequence" -> Kind.SEQUENCE;
            case "function", "procedure" -> Kind.ROUTINE;
            case "trigger" -> Kind.TRIGGER;
            default -> null;
        };
    }

    private void alter(Cursor at, List<DdlObject> objects) {
        at.skipWord("ignore");
        if (!at.more() || !at.next().isWord("table")) {
            return;
        }
        at.skipWord("if");
        at.skipWord("exists");
        at.skipWord("only");
        String table = at.name();
        if (table == null || !at.more()) {
            return;
        }
        at.skipSymbol("*");
        for (String action : text.splitTopLevel(at.rest())) {
            action(table, new Cursor(action, text.terms(action), 0), objects);
        }
    }

    /** One action of an ALTER TABLE on {@code table}. */
    private void action(String table, Cursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm verb = at.next();
        if (verb.isWord("add")) {
            added(table, at, objects);
        } else if (verb.isWord("drop")) {
            droppedFrom(table, at, objects);
        }
    }

    private void added(String table, Cursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm first = at.peek();
        if (first.isWord("constraint")) {
            at.next();
            at.skipIfNotExists();
            String name = at.name();
            if (name == null) {
                return;
            }
            objects.add(new DdlObject(Kind.CONSTRAINT, false, name));
            if (at.more() && at.peek().isWord("unique")) {
                objects.add(new DdlObject(Kind.INDEX, false, name)); // every database backs it with an index of its name
            }
        } else if (first.isWordIn(ADDED_CONSTRAINTS)) {
            constraint(table, at, objects);
        } else if (first.isWord("index") || first.isWord("key") || first.isWord("fulltext") || first.isWord("spatial")) {
            at.next();
            at.skipWord("index");
            at.skipWord("key");
            at.skipIfNotExists();
            String name = at.more() && at.peek().kind() != SqlTerm.Kind.GROUP ? at.name() : null;
            if (name != null) {
                objects.add(new DdlObject(Kind.INDEX, false, name));
            }
        } else {
            at.skipWord("column");
            at.skipIfNotExists();
            if (at.more() && at.peek().kind() == SqlTerm.Kind.GROUP) {
                SqlTerm group = at.next(); // MySQL's and H2's ADD (a INT, b INT)
                text.columns(group.text().substring(1, group.text().length() - (group.text().endsWith(")") ? 1 : 0)))
                        .forEach(column -> objects.add(new DdlObject(Kind.COLUMN, false, table + "." + column)));
            } else if (at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL) {
                objects.add(new DdlObject(Kind.COLUMN, false, table + "." + at.next().name()));
            }
        }
    }

    /** An unnamed constraint (PRIMARY KEY, UNIQUE [KEY name], FOREIGN KEY [name], CHECK): by its name when it has one. */
    private void constraint(String table, Cursor at, List<DdlObject> objects) {
        SqlTerm what = at.next();
        boolean unique = what.isWord("unique");
        boolean primary = what.isWord("primary");
        boolean foreign = what.isWord("foreign");
        at.skipWord("key");
        at.skipWord("index");
        String name = at.more() && at.peek().kind() != SqlTerm.Kind.GROUP && !at.peek().isWord("using") ? at.name() : null;
        if (name != null && !primary) {
            objects.add(new DdlObject(Kind.CONSTRAINT, false, name));
            if (unique) {
                objects.add(new DdlObject(Kind.INDEX, false, name));
            }
            return;
        }
        String columns = at.more() && at.peek().kind() == SqlTerm.Kind.GROUP ? " " + columnList(at.next()) : "";
        String words = primary ? "primary key" : foreign ? "foreign key" : what.text().toLowerCase(java.util.Locale.ROOT);
        objects.add(new DdlObject(Kind.CONSTRAINT, false, table + ": " + words + (what.isWord("check") ? "" : columns)));
    }

    private String columnList(SqlTerm group) {
        String inside = group.text().substring(1, group.text().length() - (group.text().endsWith(")") ? 1 : 0));
        return "(" + String.join(", ", text.columns(inside)) + ")";
    }

    private void droppedFrom(String table, Cursor at, List<DdlObject> objects) {
        if (!at.more()) {
            return;
        }
        SqlTerm what = at.peek();
        if (what.isWord("constraint") || what.isWord("check") || what.isWord("foreign")) {
            at.next();
            at.skipWord("key");
            at.skipWord("if");
            at.skipWord("exists");
            String name = at.name();
            if (name != null) {
                objects.add(new DdlObject(Kind.CONSTRAINT, true, name));
            }
        } else if (what.isWord("primary")) {
            objects.add(new DdlObject(Kind.CONSTRAINT, true, table + ": primary key"));
        } else if (what.isWord("index") || what.isWord("key")) {
            at.next();
            at.skipWord("if");
            at.skipWord("exists");
            String name = at.name();
            if (name != null) {
                objects.add(new DdlObject(Kind.INDEX, true, name));
            }
        } else if (!what.isWord("default") && !what.isWord("not") && !what.isWord("partition")) {
            at.skipWord("column");
            at.skipWord("if");
            at.skipWord("exists");
            if (at.more() && at.peek().kind() != SqlTerm.Kind.SYMBOL && at.peek().kind() != SqlTerm.Kind.GROUP) {
                objects.add(new DdlObject(Kind.COLUMN, true, table + "." + at.next().name()));
            }
        }
    }

    private void drop(Cursor at, List<DdlObject> objects) {
        if (at.peek().isWordIn(TEMPORARY)) {
            return;
        }
        at.skipWord("materialized");
        Kind kind = kindOf(at.next());
        if (kind == null) {
            return;
        }
        if (kind == Kind.INDEX) {
            at.skipWord("concurrently");
        }
        at.skipWord("if");
        at.skipWord("exists");
        for (String item : text.splitTopLevel(at.rest())) {
            Cursor one = new Cursor(item, text.terms(item), 0);
            String name = one.more() ? one.name() : null;
            if (name != null) {
                objects.add(new DdlObject(kind, true, name));
            }
        }
    }

    /** Terms read left to right. */
    private final class Cursor {
        private final String code;
        private final List<SqlTerm> terms;
        private int index;

        Cursor(String code, List<SqlTerm> terms, int index) {
            this.code = code;
            this.terms = terms;
            this.index = index;
        }

        boolean more() {
            return index < terms.size();
        }

        SqlTerm peek() {
            return terms.get(index);
        }

        SqlTerm next() {
            return terms.get(index++);
        }

        void skipWord(String word) {
            if (more() && peek().isWord(word)) {
                index++;
            }
        }

        void skipSymbol(String symbol) {
            if (more() && peek().kind() == SqlTerm.Kind.SYMBOL && peek().text().equals(symbol)) {
                index++;
            }
        }

        void skipIfNotExists() {
            if (index + 2 < terms.size() && peek().isWord("if") && terms.get(index + 1).isWord("not")
                    && terms.get(index + 2).isWord("exists")) {
                index += 3;
            }
        }

        /** Past a MySQL definer and SQL SECURITY clause, to the word naming the kind of object (left to read next). */
        void skipUntilKind() {
            while (more() && kindOf(peek()) == null) {
                index++;
            }
        }

        /**
         * A possibly qualified name here, its last part unquoted as written; null when no name is here. Reads past it.
         */
        String name() {
            if (!more() || !(peek().kind() == SqlTerm.Kind.WORD || peek().kind() == SqlTerm.Kind.QUOTED_NAME
                    || peek().kind() == SqlTerm.Kind.LITERAL)) {
                return null;
            }
            String last = next().name();
            while (index + 1 < terms.size() && peek().kind() == SqlTerm.Kind.SYMBOL && peek().text().equals(".")) {
                index++;
                last = next().name();
            }
            return last.isEmpty() ? null : last;
        }

        /** Whether a term after those read so far is the bare word {@code word}. */
        boolean restHas(String word) {
            return terms.subList(index, terms.size()).stream().anyMatch(t -> t.isWord(word));
        }

        /** The code after the terms read so far. */
        String rest() {
            return more() ? code.substring(peek().start()) : "";
        }
    }
}
