package dev.flotilla.run;

import java.util.Locale;

/**
 * A MariaDB character column's character set and collation, either not known (null): what a foreign key's columns must
 * share with the parent's (MariaDB 10.11 refuses {@code utf8mb4} to {@code latin1}, {@code latin1_bin} to {@code
 * latin1_swedish_ci}, errno 150). A statement's {@code utf8} (an alias whose meaning a server setting changes) is not
 * known. Immutable.
 */
record TextEncoding(String charset, String collation) {

    /** What a column or table names: a collation tells its character set too; null when it names neither. */
    static TextEncoding named(String charset, String collation) {
        String knownCollation = known(collation);
        if (knownCollation != null) {
            return new TextEncoding(knownCollation.contains("_") ? knownCollation.substring(0, knownCollation.indexOf('_'))
                    : knownCollation, knownCollation);
        }
        String knownCharset = known(charset);
        return knownCharset == null ? null : new TextEncoding(knownCharset, null);
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
