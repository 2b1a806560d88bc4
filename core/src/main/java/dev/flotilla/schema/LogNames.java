package dev.flotilla.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * How a task's log writes the names in its lists of schema changes, so each reads back as written: a name that would
 * read otherwise (one holding {@code ", "}, {@code " to "} or {@code " on "}, a line break, a leading quote, or none) in
 * double quotes, a quote or backslash inside escaped with a backslash; any other as it is, as logs before this wrote
 * every name (and are read as before). A named index or constraint is followed by the table it is on, {@code idx_a on
 * orders}. Stateless.
 */
final class LogNames {
    private LogNames() {
    }

    static String quoted(String name) {
        if (!name.isEmpty() && !name.contains(", ") && !name.contains(" to ") && !name.contains(" on ")
                && !name.startsWith("\"") && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return name;
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /**
     * The items of a list as {@link #quoted}, {@code " on "} and {@code ", "} wrote it, {@code a, "b, c", idx_a on
     * orders}: each its name and the table it is on (null when not said).
     */
    static List<String[]> items(String list) {
        Reader reader = new Reader(list);
        List<String[]> items = new ArrayList<>();
        while (reader.more()) {
            items.add(new String[] {reader.name(", "), reader.table()});
            reader.skip(", ");
        }
        return items;
    }

    /** Reads names left to right. */
    static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        /** Past {@code separator} when it is next. */
        boolean skip(String separator) {
            if (text.startsWith(separator, at)) {
                at += separator.length();
                return true;
            }
            return false;
        }

        /** Past {@code " on "} and the table after it when they are next: the table; else null. */
        String table() {
            return skip(" on ") ? name(", ") : null;
        }

        /**
         * A name, quoted or as it is up to {@code before} or the {@code " on "} of the table it is on (or the end).
         */
        String name(String before) {
            if (text.startsWith("\"", at)) {
                StringBuilder name = new StringBuilder();
                for (at++; at < text.length() && text.charAt(at) != '"'; at++) {
                    char c = text.charAt(at);
                    if (c == '\\' && at + 1 < text.length()) {
                        char escaped = text.charAt(++at);
                        name.append(escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped);
                    } else {
                        name.append(c);
                    }
                }
                at = Math.min(at + 1, text.length());
                return name.toString();
            }
            int end = text.indexOf(before, at);
            int on = text.indexOf(" on ", at);
            end = on >= 0 && (end < 0 || on < end) ? on : end;
            String name = text.substring(at, end < 0 ? text.length() : end);
            at = end < 0 ? text.length() : end;
            return name;
        }
    }
}
