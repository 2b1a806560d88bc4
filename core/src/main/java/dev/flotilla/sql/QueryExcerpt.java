package dev.flotilla.sql;

import java.util.regex.Pattern;

/**
 * The start of another session's query, safe to print: on one line, every string literal masked (a literal may hold a
 * password or a customer's data), cut at {@value #SHOWN} characters.
 */
final class QueryExcerpt {
    static final int SHOWN = 80;
    /** A literal in single quotes (PostgreSQL's E'' too), dollar quotes or double quotes, or its start cut off by a limit. */
    private static final Pattern LITERAL = Pattern.compile(
            "(?s)[eE]?'(?:[^'\\\\]|''|\\\\.)*(?:'|$)|\\$([A-Za-z_]\\w*|)\\$.*?(?:\\$\\1\\$|$)|\"(?:[^\"\\\\]|\"\"|\\\\.)*(?:\"|$)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private QueryExcerpt() {
    }

    /**
     * @param query as the server shows it, possibly cut off by the server or the reading query
     * @return the excerpt, {@code '…'} in place of each literal (double-quoted ones too: MariaDB reads them as strings,
     *         PostgreSQL as names, which are then masked with the rest)
     */
    static String of(String query) {
        String masked = SPACES.matcher(LITERAL.matcher(query).replaceAll("'…'")).replaceAll(" ").strip();
        return masked.length() <= SHOWN ? masked : masked.substring(0, SHOWN) + "…";
    }
}
