package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.sql.Dialect;

/**
 * The table a foreign key references, read back from the reference its snapshot wrote ({@link TableReference}): the
 * one way to ask a reference which schema and which table it names, instead of looking for a dot in it or comparing
 * it with a name as text. A reference to a table of the target's own schema is that table's name, dot or not.
 *
 * @param schema null for a table of the target's own schema, else the other schema's name
 * @param quote the quote of the snapshot's dialect ({@code "} or {@code `}), in which a configured name is read too
 * @param ownTableNamedAlike whether the target has a table of its own named {@code schema.table} (its "a.b", this the
 *     table b of the schema a): that name, unquoted, names the target's own table, not this one
 */
public record ReferencedTable(String schema, String table, char quote, boolean ownTableNamedAlike) {
    /** The quotes a configured name may use, on any dialect: PostgreSQL's and H2's, MariaDB's. */
    private static final char[] QUOTES = {'"', '`'};

    /** A table no table of the target's own is named like. */
    public ReferencedTable(String schema, String table, char quote) {
        this(schema, table, quote, false);
    }

    /**
     * The table {@code fk} of {@code snapshot} references: one of the snapshot's tables by its whole name (a dot can be
     * part of it), else another schema's written {@code schema.table}; a name that is neither (a table the snapshot
     * leaves out) is taken for one of the target's own. SQLite's keys never leave their database.
     */
    public static ReferencedTable of(SchemaSnapshot snapshot, ForeignKey fk) {
        char quote = "mariadb".equals(snapshot.dialect()) ? '`' : '"';
        String reference = fk.referencedTable();
        String[] other = snapshot.table(reference).isPresent() || "sqlite".equals(snapshot.dialect()) ? null
                : TableReference.otherSchemas(reference, quote);
        if (other == null) {
            return new ReferencedTable(null, reference, quote);
        }
        return new ReferencedTable(other[0], other[1], quote, snapshot.table(other[0] + "." + other[1]).isPresent());
    }

    public boolean inOwnSchema() {
        return schema == null;
    }

    /**
     * Whether {@code name}, a table as configuration names it, is this table, read by {@code names}' rules (a plain name
     * whatever the case; a quoted one as the target reads a quoted name): one of the target's own by its name, quoted or
     * not ({@link #namesOwn}); another schema's as the snapshot writes it ({@code other."a.b"}), with its names quoted or
     * not ({@code "other"."a.b"}), or written plainly {@code schema.table} ({@code other.a.b}, as snapshots wrote it
     * before fingerprint format 5; the table {@code b} of the schema {@code other.a} answers to it too, and where the
     * target has a table of its own by that name, only that one). A name is quoted with either quote, whatever the
     * dialect's: {@code `other`.`a.b`} names it on PostgreSQL too, {@code "other"."a.b"} on MariaDB.
     */
    public boolean isNamedBy(String name, ConfiguredNames names) {
        if (inOwnSchema()) {
            return namesOwn(name, table, names);
        }
        if (plain().equalsIgnoreCase(name)) {
            return !ownTableNamedAlike;
        }
        for (char q : QUOTES) {
            int dot = TableReference.schemaDot(name, q);
            if (dot > 0 && part(name.substring(0, dot), schema, q, names) && part(name.substring(dot + 1), table, q, names)) {
                return true;
            }
        }
        return false;
    }

    private static boolean part(String written, String stored, char q, ConfiguredNames names) {
        boolean quoted = written.length() >= 2 && written.charAt(0) == q && TableReference.closing(written, q) == written.length() - 1;
        return names.same(quoted ? TableReference.unquoted(written, q) : written, quoted, stored);
    }

    /**
     * A table of the target's own as configuration names it, without the quotes around it when it is quoted whole with
     * either quote ({@code "a.b"} and {@code `a.b`} are the table a.b; {@code other."a.b"} is left as it is).
     */
    public static String ownName(String name) {
        for (char q : QUOTES) {
            if (name.length() >= 2 && name.charAt(0) == q && TableReference.closing(name, q) == name.length() - 1) {
                return TableReference.unquoted(name, q);
            }
        }
        return name;
    }

    /**
     * Whether {@code configured}, a table (or view) of the target's own as configuration names it, names {@code table} as
     * the catalog stores it: quoted whole with either quote, as the target reads a quoted name ({@link ConfiguredNames}:
     * on PostgreSQL {@code "Orders"} is not {@code orders}, on SQLite it is); written plainly, whatever the case. The one
     * rule of the exclusions of the tenant column's and row-level security's checks, migration and adoption.
     */
    public static boolean namesOwn(String configured, String table, ConfiguredNames names) {
        String own = ownName(configured);
        return names.same(own, !own.equals(configured), table);
    }

    /** For SQL: another schema's table qualified with its schema, one of the target's own by its name alone. */
    public String sql(Dialect dialect) {
        return inOwnSchema() ? dialect.quote(table) : dialect.quote(schema) + "." + dialect.quote(table);
    }

    /** {@code schema.table} without any quoting, as snapshots wrote a reference to another schema before format 5. */
    String plain() {
        return inOwnSchema() ? table : schema + "." + table;
    }
}
