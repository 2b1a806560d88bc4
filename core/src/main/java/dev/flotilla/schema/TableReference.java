package dev.flotilla.schema;

/**
 * The table a foreign key references, as a snapshot writes it: by its name alone in the target's own schema (so tenants
 * built alike compare alike), {@code schema.table} in another. There a name with a dot or the dialect's quote in it is
 * quoted as the database quotes it ({@code other."a.b"}, {@code `a.b`.t}, the quote doubled inside), so the one dot
 * left unquoted is the one between schema and table; every other name is written as it is, as it always was: the
 * canonical lines, and the fingerprints of snapshots taken before, stay the same for them; but where the target has a
 * table of its own by the name that would write (its table "a.b", and a key to the table b of the schema a), both names
 * of the other schema's table are quoted ({@code "a"."b"}). Stateless.
 */
public final class TableReference {
    private TableReference() {
    }

    /** {@code table} of {@code schema}, referenced from a table of {@code ownSchema}, quoted with {@code quote}. */
    static String of(String ownSchema, String schema, String table, char quote) {
        return ownSchema.equals(schema) ? table : inOtherSchema(schema, table, quote);
    }

    /**
     * The same, where the target has a table of its own whose name is what that would write ({@code "a.b"} beside the
     * table b of the schema a): another schema's table is then written with both its names quoted ({@code "a"."b"}),
     * which no name of the target's own reads as, so the two are told apart. Fingerprint formats before 6 did not
     * ({@link #inOtherSchema}).
     *
     * @param ownTables the names of the target's own tables, compared case-insensitively (as a snapshot finds them)
     */
    static String of(String ownSchema, String schema, String table, char quote, java.util.Collection<String> ownTables) {
        String written = of(ownSchema, schema, table, quote);
        boolean mistakable = !ownSchema.equals(schema) && ownTables.stream().anyMatch(written::equalsIgnoreCase);
        return mistakable ? quoted(schema, quote) + "." + quoted(table, quote) : written;
    }

    /** Another schema's table as snapshots wrote it before fingerprint format 6, mistakable for a table of the target's own. */
    static String inOtherSchema(String schema, String table, char quote) {
        return name(schema, quote) + "." + name(table, quote);
    }

    /**
     * The schema and the table of {@code reference} to another schema's table, as {@link #of} wrote it with
     * {@code quote}; null when it names no schema: a table of the target's own (whose name may have a dot). Callers
     * ask {@link ReferencedTable}, which knows the snapshot's own tables.
     */
    static String[] otherSchemas(String reference, char quote) {
        int dot = schemaDot(reference, quote);
        if (dot < 0) {
            return null;
        }
        return new String[] {unquoted(reference.substring(0, dot), quote), unquoted(reference.substring(dot + 1), quote)};
    }

    /** Where the dot between a schema and its table is in {@code reference}, read with {@code quote}; -1 for none. */
    static int schemaDot(String reference, char quote) {
        int dot = reference.startsWith(String.valueOf(quote)) ? closing(reference, quote) + 1 : reference.indexOf('.');
        return dot <= 0 || dot >= reference.length() - 1 || reference.charAt(dot) != '.' ? -1 : dot;
    }

    private static String name(String name, char quote) {
        return name.contains(".") || name.indexOf(quote) >= 0 ? quoted(name, quote) : name;
    }

    private static String quoted(String name, char quote) {
        String q = String.valueOf(quote);
        return q + name.replace(q, q + q) + q;
    }

    /** Where the quoted name that starts {@code text} ends: the index of its closing quote, or -1. */
    static int closing(String text, char quote) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    static String unquoted(String name, char quote) {
        String q = String.valueOf(quote);
        return name.length() >= 2 && name.startsWith(q) && name.endsWith(q)
                ? name.substring(1, name.length() - 1).replace(q + q, q) : name;
    }
}
