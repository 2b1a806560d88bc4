package dev.flotilla.run;

import dev.flotilla.sql.ServerDefaults;
import java.util.Locale;

/**
 * A MariaDB character column's character set and collation, either not known (null): what a foreign key's columns must
 * share with the parent's (MariaDB 10.11 refuses {@code utf8mb4} to {@code latin1}, {@code latin1_bin} to {@code
 * latin1_swedish_ci}, errno 150). Immutable.
 */
record TextEncoding(String charset, String collation) {

    /**
     * What the catalog names, or a column or table names: a collation tells its character set too; null when it names
     * neither. A statement's {@code utf8} (an alias a server setting changes) is not known here: see {@link #said}.
     */
    static TextEncoding named(String charset, String collation) {
        String knownCollation = known(collation);
        if (knownCollation != null) {
            return new TextEncoding(knownCollation.contains("_") ? knownCollation.substring(0, knownCollation.indexOf('_'))
                    : knownCollation, knownCollation);
        }
        String knownCharset = known(charset);
        return knownCharset == null ? null : new TextEncoding(knownCharset, null);
    }

    /**
     * What a statement names, as {@code server} takes it: {@code utf8} and {@code utf8_bin} as the set {@code utf8}
     * names there ({@code utf8mb3}, {@code utf8mb3_bin}), a set named alone with its default collation (MariaDB 10.11
     * gives {@code CHARACTER SET latin1} latin1_swedish_ci, whatever the table's); each where the server said.
     */
    static TextEncoding said(String charset, String collation, ServerDefaults server) {
        TextEncoding named = named(aliased(charset, server), aliased(collation, server));
        if (named == null || named.collation != null) {
            return named;
        }
        String fallback = server.collations().get(named.charset);
        return fallback == null ? named : new TextEncoding(named.charset, fallback);
    }

    private static String aliased(String name, ServerDefaults server) {
        if (name == null || server.utf8() == null) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("utf8") || lower.startsWith("utf8_") ? server.utf8() + lower.substring(4) : name;
    }

    private static String known(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("utf8") || lower.startsWith("utf8_") || lower.equals("default") ? null : lower;
    }

    /** Whether MariaDB refuses a key between columns of {@code this} and {@code other}: the sets or collations differ. */
    boolean refuses(TextEncoding other) {
        return differ(charset, other.charset) || differ(collation, other.collation);
    }

    private static boolean differ(String one, String another) {
        return one != null && another != null && !one.equals(another);
    }

    /** {@code latin1 (latin1_bin)}, or the set alone where its collation is not known. */
    String said() {
        return collation == null ? charset : charset + " (" + collation + ")";
    }
}
