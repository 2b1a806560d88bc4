package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link DdlReading} writes a possibly qualified name, and how {@link DdlObject#inSchema} reads it back: its parts
 * joined by dots, a part holding a dot (or starting with a double quote) in double quotes, a quote inside doubled, so
 * {@code "a.b"} (a table named {@code a.b}) is one name and {@code a.b} the table {@code b} of the schema {@code a}.
 * Stateless.
 */
final class QualifiedNames {
    private static final String QUOTE = "`";
    private QualifiedNames() {
    }

    /** One part, {@code unquoted} as the database knows it, as a qualified name writes it. */
    static String part(String unquoted) {
        return unquoted.indexOf('.') < 0 && !unquoted.startsWith(QUOTE) ? unquoted
                : QUOTE + unquoted.replace(QUOTE, QUOTE + QUOTE) + QUOTE;
    }

    /** The parts of {@code path} as written, each still quoted where it was. */
    static List<String> parts(String path) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int at = 0; at < path.length(); at++) {
            char c = path.charAt(at);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(path.substring(start, at));
                start = at + 1;
            }
        }
        parts.add(path.substring(start));
        return parts;
    }

    /** A part as the database knows it: {@code `a.b`} is {@code a.b}. */
    static String unquoted(String part) {
        return part.length() > 1 && part.startsWith(QUOTE) && part.endsWith(QUOTE)
                ? part.substring(1, part.length() - 1).replace(QUOTE + QUOTE, QUOTE) : part;
    }

    /** {@code path}'s last part as written: the object's own name, without its qualifier. */
    static String last(String path) {
        return parts(path).getLast();
    }

    /**
     * {@code path} as the target whose schema is {@code schema} says it: without its qualifier when that is {@code schema}
     * (in any case), else as written; with {@code schema} null, its last part unquoted, every qualifier taken off.
     */
    static String local(String path, String schema) {
        List<String> parts = parts(path);
        if (schema == null) {
            return unquoted(parts.getLast());
        }
        boolean own = parts.size() > 1 && unquoted(parts.get(parts.size() - 2)).equalsIgnoreCase(schema);
        return own ? parts.getLast() : path;
    }

    /** Whether {@code path} says its schema. */
    static boolean qualified(String path) {
        return parts(path).size() > 1;
    }

    /**
     * {@code text} with the path in it, from {@code from} to the first {@code stop} outside quotes (or the end), said
     * {@link #local} to {@code schema}.
     */
    static String localIn(String text, int from, String stop, String schema) {
        int end = end(text, from, stop);
        return text.substring(0, from) + local(text.substring(from, end), schema) + text.substring(end);
    }

    /** {@code text}'s path up to the first {@code stop} outside quotes (a routine's types), or all of it. */
    static String pathBefore(String text, String stop) {
        return text.substring(0, end(text, 0, stop));
    }

    private static int end(String text, int from, String stop) {
        boolean quoted = false;
        for (int at = from; at < text.length(); at++) {
            if (text.charAt(at) == '`') {
                quoted = !quoted;
            } else if (!quoted && text.startsWith(stop, at)) {
                return at;
            }
        }
        return text.length();
    }

    /** A column's name, {@code table.column}, its table said {@link #local} to {@code schema}. */
    static String localColumn(String name, String schema) {
        List<String> parts = parts(name);
        if (parts.size() < 2) {
            return name;
        }
        String column = parts.getLast();
        String table = name.substring(0, name.length() - column.length() - 1);
        return local(table, schema) + "." + (schema == null ? unquoted(column) : column);
    }
}
