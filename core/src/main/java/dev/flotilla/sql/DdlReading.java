package dev.flotilla.sql;

import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads which schema objects one statement creates, drops or renames, from its text alone: {@code CREATE [UNIQUE]
 * INDEX}, {@code CREATE TABLE / VIEW / SEQUENCE / FUNCTION / PROCEDURE / TRIGGER}, their {@code DROP}, {@code ALTER
 * TABLE}'s actions ({@link AlterTableReading}), {@code RENAME TABLE} and {@code ALTER INDEX / VIEW / SEQUENCE / FUNCTION /
 * PROCEDURE ... RENAME TO} (a {@code FUNCTION} and a {@code PROCEDURE} apart, PostgreSQL's {@code ROUTINE} either; where
 * routines overload, each with its input types when the text says them), PostgreSQL's {@code ALTER ... SET SCHEMA other} as a
 * drop from the schema it leaves, in the syntax of PostgreSQL, MySQL/MariaDB, SQLite and H2. One made {@code IF NOT EXISTS} is
 * {@link Change#ENSURED}: it may have been there; one {@code CREATE OR REPLACE}d is {@link Change#REPLACED}. An index
 * with no name is said by its table and columns ({@code on serials (status)}). What it cannot read (a {@code DO} block, a
 * procedure call, a temporary table) it says nothing of rather than guess. The constraints (and MySQL's keys) a created
 * table writes beside its columns or on one ({@code REFERENCES}, {@code UNIQUE}, {@code CHECK}) are read as {@code ADD}
 * reads them, but an unnamed primary key; a named index or constraint, and a trigger, with its table. Stateless and
 * thread-safe.
 */
public final class DdlReading {
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "unique", "fulltext", "spatial", "hash",
            "clustered", "nonclustered", "unlogged", "memory", "cached", "materialized", "recursive", "constraint",
            "aggregate", "global", "local", "force", "noforce", "editionable", "algorithm", "sql", "security", "invoker",
            "merge", "undefined", "temptable");
    private static final Set<String> TEMPORARY = Set.of("temp", "temporary", "volatile");

    private final SqlText text;
    private final boolean uniqueIndexIsConstraint;
    private final boolean overloadsRoutines;
    private final AlterTableReading alterTable;

    /**
     * @param uniqueIndexIsConstraint whether a {@code CREATE UNIQUE INDEX} (one with no {@code WHERE}) also makes a unique
     *     constraint, as the dialect's catalog tells them (MariaDB and SQLite do; PostgreSQL and H2 keep them apart), so
     *     the results say what the dry run's diff says
     * @param overloadsRoutines whether a routine is known by its input types too (PostgreSQL): said with them
     */
    public DdlReading(SqlText text, boolean uniqueIndexIsConstraint, boolean overloadsRoutines) {
        this(text, uniqueIndexIsConstraint, overloadsRoutines, true);
    }

    /**
     * @param renameKeepsSchema whether a table renamed to a name without a qualifier stays in its schema (all but MySQL,
     *     whose {@code ALTER TABLE archive.x RENAME TO y} moves it to the session's database)
     */
    public DdlReading(SqlText text, boolean uniqueIndexIsConstraint, boolean overloadsRoutines, boolean renameKeepsSchema) {
        this.text = text;
        this.uniqueIndexIsConstraint = uniqueIndexIsConstraint;
        this.overloadsRoutines = overloadsRoutines;
        this.alterTable = new AlterTableReading(text, renameKeepsSchema);
    }

    /** The reading of {@code dialect}'s statements. */
    public static DdlReading of(Dialect dialect) {
        return new DdlReading(dialect.text(), dialect.name().equals("mariadb") || dialect.name().equals("sqlite"),
                dialect.overloadsRoutines(), !dialect.name().equals("mariadb"));
    }

    /**
     * The objects {@code sql}, one statement, creates, drops or renames, in the order it names them; empty when it is
     * none of those.
     */
    public List<DdlObject> of(String sql) {
        List<SqlTerm> terms = text.terms(sql);
        List<DdlObject> objects = new ArrayList<>();
        if (terms.size() < 3) {
            return objects;
        }
        DdlCursor at = new DdlCursor(sql, terms, 1);
        SqlTerm verb = terms.get(0);
        if (verb.isWord("create")) {
            create(at, objects);
        } else if (verb.isWord("alter") && at.at("table") || verb.isWord("alter") && at.at("ignore")) {
            alterTable.read(at, objects);
        } else if (verb.isWord("alter")) {
            renamedOther(at, objects);
        } else if (verb.isWord("drop")) {
            drop(at, objects);
        } else if (verb.isWord("rename")) {
            renamedTables(at, objects);
        }
        return objects;
    }

    private void create(DdlCursor at, List<DdlObject> objects) {
        Kind kind = null;
        boolean unique = false;
        boolean orReplace = false;
        while (kind == null && at.more()) {
            SqlTerm term = at.next();
            unique |= term.isWord("unique");
            orReplace |= term.isWord("replace");
            kind = kindOf(term);
            if (kind != null) {
                break;
            }
            if (term.isWord("definer")) {
                at.skipUntilKind(); // MySQL's DEFINER = `user`@`host`, SQL SECURITY ...
            } else if (term.isWordIn(TEMPORARY) || !(term.isWordIn(CREATE_MODIFIERS)
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
        Change change = at.skipIfNotExists() ? Change.ENSURED : orReplace ? Change.REPLACED : Change.CREATED;
        String name = kind == Kind.INDEX && (!at.more() || at.at("on")) ? unnamedIndex(at) : objectName(kind, at);
        if (name == null) {
            return;
        }
        DdlObject made = new DdlObject(kind, change, name);
        boolean onTable = kind == Kind.INDEX && !name.startsWith("on ") || kind == Kind.TRIGGER;
        created(onTable ? made.on(tableOn(at)) : made, unique, at, objects);
    }

    /**
     * The table a named index or a trigger is on, {@code at} past its name ({@code [USING btree] ON [ONLY] t}, {@code
     * BEFORE UPDATE ON t}); null when not said.
     */
    private static String tableOn(DdlCursor at) {
        while (at.more() && !at.at("on")) {
            at.next();
        }
        return tableAfterOn(at);
    }

    private static String tableAfterOn(DdlCursor at) {
        at.skipWord("on");
        at.skipWord("only");
        return at.qualifiedName();
    }

    /**
     * One made, {@code at} past its name, with what it makes with it: a table's constraints, a unique index's (said
     * before it, as a unique constraint and its index always are, so {@code dev.flotilla.schema} knows them for one).
     */
    private void created(DdlObject made, boolean unique, DdlCursor at, List<DdlObject> objects) {
        if (made.kind() == Kind.INDEX && unique && uniqueIndexIsConstraint && !at.restHas("where")) {
            objects.add(new DdlObject(Kind.CONSTRAINT, made.change(), made.name()).on(made.table()));
        }
        objects.add(made);
        if (made.kind() == Kind.TABLE && at.more() && at.peek().kind() == SqlTerm.Kind.GROUP) {
            alterTable.tableConstraints(made.name(), at.next(), made.change(), objects);
        }
    }

    /**
     * An index with no name (PostgreSQL's and H2's {@code CREATE INDEX ON serials (status)}), said by its table and
     * columns, {@code on serials (status)}, as the database's made-up name is not in the text.
     */
    private String unnamedIndex(DdlCursor at) {
        at.skipWord("on");
        at.skipWord("only");
        String table = at.qualifiedName();
        if (table == null) {
            return null;
        }
        if (at.at("using")) {
            at.next();
            at.next();
        }
        return "on " + table + (at.more() && at.peek().kind() == SqlTerm.Kind.GROUP
                ? " " + alterTable.columnList(at.next()) : "");
    }

    static Kind kindOf(SqlTerm term) {
        if (term.kind() != SqlTerm.Kind.WORD) {
            return null;
        }
        return switch (term.text().toLowerCase(java.util.Locale.ROOT)) {
            case "table" -> Kind.TABLE;
            case "index" -> Kind.INDEX;
            case "view" -> Kind.VIEW;
            case "sequence" -> Kind.SEQUENCE;
            case "function" -> Kind.FUNCTION;
            case "procedure" -> Kind.PROCEDURE;
            case "routine" -> Kind.ROUTINE; // PostgreSQL's DROP | ALTER ROUTINE: either
            case "trigger" -> Kind.TRIGGER;
            default -> null;
        };
    }

    private void drop(DdlCursor at, List<DdlObject> objects) {
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
        at.skipIfExists();
        for (String item : text.splitTopLevel(at.rest())) {
            DdlCursor one = new DdlCursor(item, text.terms(item), 0);
            String name = one.more() ? objectName(kind, one) : null;
            if (name != null) {
                boolean onTable = (kind == Kind.INDEX || kind == Kind.TRIGGER) && one.at("on");
                String table = onTable ? tableAfterOn(one) : null; // MySQL's DROP INDEX i ON t, DROP TRIGGER t ON t
                objects.add(new DdlObject(kind, true, name).on(table));
            }
        }
    }

    /**
     * The name here, read past it: a table's, view's, sequence's or routine's with its qualifier as written ({@code
     * archive.x}, {@link DdlObject#inSchema}); a routine's past its parameters, with their input types ({@link
     * RoutineSignature}) where routines overload and the text says them: {@code f(integer,text)}.
     */
    private String objectName(Kind kind, DdlCursor at) {
        String name = kind.schemaNamed() ? at.qualifiedName() : at.name();
        if (name == null || !kind.routine() || !at.more() || at.peek().kind() != SqlTerm.Kind.GROUP) {
            return name;
        }
        String parameters = at.next().text();
        if (!overloadsRoutines) {
            return name;
        }
        RoutineSignature signature = RoutineSignature.of(text,
                parameters.substring(1, parameters.length() - (parameters.endsWith(")") ? 1 : 0)));
        return name + "(" + String.join(",", signature.types()) + ")";
    }

    /** MySQL's {@code RENAME TABLE a TO b, c TO d}. */
    private void renamedTables(DdlCursor at, List<DdlObject> objects) {
        if (!at.at("table") && !at.at("tables")) {
            return;
        }
        at.next();
        for (String item : text.splitTopLevel(at.rest())) {
            DdlCursor one = new DdlCursor(item, text.terms(item), 0);
            String old = one.qualifiedName();
            if (old != null && one.at("to")) {
                one.next();
                String name = one.qualifiedName();
                if (name != null) {
                    objects.add(new DdlObject(Kind.TABLE, Change.RENAMED, name, old));
                }
            }
        }
    }

    /**
     * {@code ALTER INDEX | VIEW | SEQUENCE [IF EXISTS] a RENAME TO b} (PostgreSQL, H2), and PostgreSQL's {@code ALTER
     * FUNCTION | PROCEDURE | ROUTINE a[(types)] RENAME TO b}; PostgreSQL's {@code ALTER VIEW | SEQUENCE | FUNCTION ...
     * a SET SCHEMA other} reads as {@code a} dropped: it leaves the schema the statements run in.
     */
    private void renamedOther(DdlCursor at, List<DdlObject> objects) {
        at.skipWord("materialized");
        Kind kind = kindOf(at.next());
        if (kind == null) {
            return;
        }
        at.skipIfExists();
        String old = objectName(kind, at);
        if (old != null && at.at("set") && kind != Kind.INDEX) {
            at.next();
            if (at.at("schema")) {
                at.next();
                String schema = at.name();
                if (schema != null) { // moved there: gone from the schema it leaves, or arrived in the target's
                    objects.add(new DdlObject(kind, Change.RENAMED, QualifiedNames.part(schema) + "." + QualifiedNames.last(
                            QualifiedNames.pathBefore(old, "(")) + old.substring(QualifiedNames.pathBefore(old, "(").length()), old));
                }
            }
        } else if (old != null && at.at("rename")) {
            at.next();
            if (at.at("to")) {
                at.next();
                String name = at.name();
                if (name != null) {
                    String path = QualifiedNames.pathBefore(old, "(");
                    String qualifier = path.substring(0, path.length() - QualifiedNames.last(path).length()); // it stays there
                    objects.add(new DdlObject(kind, Change.RENAMED, qualifier + QualifiedNames.part(name)
                            + old.substring(path.length()), old));
                }
            }
        }
    }
}
