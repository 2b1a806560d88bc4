package dev.flotilla.sql;

import java.util.Objects;

/**
 * One schema object a statement creates, drops or renames, as its text says ({@link DdlReading}), or what a run's
 * statements did to one in the end ({@code dev.flotilla.schema.SchemaChanges}): what a deployment's results list, with
 * no catalog read.
 *
 * @param name what a reader calls it, unquoted, as written: {@code serial_link_outbox}, a column as
 *     {@code table.column}, an unnamed constraint as {@code table: unique (a, b)}, an unnamed index as
 *     {@code on table (a)}, a routine where routines overload (PostgreSQL) with its input types when the text says
 *     them, as {@code regprocedure} prints it ({@code f(integer,text)}); for a rename, its new name
 * @param from for a {@link Change#RENAMED} one, its name before; null otherwise
 * @param table for an index or a constraint said by its own name, or a trigger, the table it is on when the text says
 *     it (it goes with that table when it is dropped); null otherwise (a column's or an unnamed one's name says its table)
 */
public record DdlObject(Kind kind, Change change, String name, String from, String table) {
    public DdlObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(name, "name");
        if ((change == Change.RENAMED) != (from != null)) {
            throw new IllegalArgumentException("a renamed object, and only one, says its name before: " + change + " " + from);
        }
    }

    /** One on no table its text names. */
    public DdlObject(Kind kind, Change change, String name, String from) {
        this(kind, change, name, from, null);
    }

    /** One created ({@code dropped} false) or dropped. */
    public DdlObject(Kind kind, boolean dropped, String name) {
        this(kind, dropped ? Change.DROPPED : Change.CREATED, name, null);
    }

    /** One created, ensured, dropped or recreated: any change but a rename. */
    public DdlObject(Kind kind, Change change, String name) {
        this(kind, change, name, null);
    }

    /** This one, on {@code table}. */
    public DdlObject on(String table) {
        return new DdlObject(kind, change, name, from, table);
    }

    /**
     * This one as the target whose schema (its database on MariaDB) is {@code schema} sees it, the statements'
     * unqualified names being there: a table's, view's, sequence's or routine's name qualified with that schema (in any
     * case) is said without it, one qualified with another keeps it ({@code archive.x}), and so is the table a column,
     * index, constraint or trigger is on ({@code archive.x.c}, {@code i on archive.x}); one renamed out of the schema
     * ({@code RENAME TABLE t TO other.t}, {@code SET SCHEMA other}) is dropped from it, one renamed into it stays a rename
     * ({@link #arrived}: what the run created before it is followed). With
     * {@code schema} null, every qualifier is taken off, as when no schema is known, and one moved to another schema
     * under its name is dropped.
     */
    public DdlObject inSchema(String schema) {
        String now = local(name, schema);
        String before = from == null ? null : local(from, schema);
        String on = table == null ? null : QualifiedNames.local(table, schema);
        if (change == Change.RENAMED && kind.schemaNamed()) {
            boolean left = schema == null ? now.equals(before) && !path(name).equalsIgnoreCase(path(from))
                    : !QualifiedNames.qualified(path(before)) && QualifiedNames.qualified(path(now));
            if (left) {
                return new DdlObject(kind, Change.DROPPED, before, null, on);
            }
        }
        return new DdlObject(kind, change, now, before, on);
    }

    /**
     * This one, a rename {@link #inSchema} said, as what it comes to in the target's schema: one brought from another
     * schema into it ({@code RENAME TABLE other.t TO t}, {@code ALTER VIEW archive.v SET SCHEMA} the target's) created
     * there; any other as it is.
     */
    public DdlObject arrived() {
        boolean in = change == Change.RENAMED && kind.schemaNamed() && QualifiedNames.qualified(path(from))
                && !QualifiedNames.qualified(path(name));
        return in ? new DdlObject(kind, Change.CREATED, name, null, table) : this;
    }

    /** {@code name} (or {@code from}) with the table path in it said as {@code schema} sees it. */
    private String local(String name, String schema) {
        if (kind.schemaNamed()) {
            return QualifiedNames.localIn(name, 0, "(", schema);
        }
        if (kind == Kind.COLUMN) {
            return QualifiedNames.localColumn(name, schema);
        }
        if (kind == Kind.INDEX && name.startsWith("on ")) {
            return QualifiedNames.localIn(name, 3, " (", schema); // on archive.x (a)
        }
        return kind == Kind.CONSTRAINT && table == null ? QualifiedNames.localIn(name, 0, ": ", schema) : name;
    }

    /** A table's, view's, sequence's or routine's name without a routine's types: its path. */
    private static String path(String name) {
        return QualifiedNames.pathBefore(name, "(");
    }

    public boolean dropped() {
        return change == Change.DROPPED;
    }

    /** What happened to an object. */
    public enum Change {
        /** Made by the statement, or by the run: it was not there before. */
        CREATED,
        /** {@code IF NOT EXISTS}: there after it, made by it or already there, which the text cannot tell. */
        ENSURED,
        /** {@code CREATE OR REPLACE}: there after it, made by it or replacing one, which the text cannot tell. */
        REPLACED,
        DROPPED,
        /** Dropped and created again under the same name in the same run (SQLite's table rebuild). */
        RECREATED,
        /** Known under another name after it ({@link #from} before). */
        RENAMED
    }

    /** What kind of object, with the words a summary says it in: its key (as the dry run's diff) and its label. */
    public enum Kind {
        TABLE("tablesCreated", "Tables created"),
        COLUMN("columnsAdded", "Columns added"),
        INDEX("indexesAdded", "Indexes added"),
        CONSTRAINT("constraintsAdded", "Constraints added"),
        VIEW("viewsCreated", "Views created"),
        SEQUENCE("sequencesCreated", "Sequences created"),
        /** A function or a procedure, as PostgreSQL's {@code DROP | ALTER ROUTINE} names one (and logs before these two). */
        ROUTINE("routinesCreated", "Routines created"),
        FUNCTION("routinesCreated", "Routines created"),
        PROCEDURE("routinesCreated", "Routines created"),
        TRIGGER("triggersAdded", "Triggers added");

        private final String key;
        private final String label;

        Kind(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** The summary's key for the created ones: {@code tablesCreated}, as the dry run's diff names them. */
        public String key() {
            return key;
        }

        /** How people read the created ones: {@code Tables created}. */
        public String label() {
            return label;
        }

        /** How people read the ones a rollback's down files created: {@code Tables restored}. */
        public String restoredLabel() {
            return label.substring(0, label.indexOf(' ')) + " restored";
        }

        /** A function, a procedure or either: one list, each said with its word ({@code function f}). */
        public boolean routine() {
            return this == ROUTINE || this == FUNCTION || this == PROCEDURE;
        }

        /** Whether a schema holds one by its own name, which a statement may qualify: a table, view, sequence or routine. */
        public boolean schemaNamed() {
            return this == TABLE || this == VIEW || this == SEQUENCE || routine();
        }

        /** The word for one of them in a list of dropped objects: {@code table}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
