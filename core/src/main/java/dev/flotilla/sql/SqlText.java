package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough reading of SQL text for the lint rules and a rollback's dry run: comments out, whitespace folded, names
 * unquoted.
 */
public final class SqlText {
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
    private static final Pattern DROP_TABLE = Pattern.compile("(?i)^DROP TABLE (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$");
    private static final Pattern QUALIFIER = Pattern.compile("^([\\w$]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\])\\.");
    public static final String NAME = "((?:[\\w$]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\])(?:\\.(?:[\\w$]+|\"[^\"]+\"|`[^`]+`))?)";

    private SqlText() {
    }

    /** The statement on one line, without comments. String literals are kept as they are. */
    public static String normalize(String sql) {
        String noComments = BLOCK_COMMENT.matcher(LINE_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" ");
        return noComments.replaceAll("\\s+", " ").strip().replaceAll(";$", "").strip();
    }

    /** A possibly qualified, possibly quoted name as a plain lower-case table name. */
    public static String name(String raw) {
        String last = raw.contains(".") && !raw.startsWith("\"") && !raw.startsWith("`") ? raw.substring(raw.lastIndexOf('.') + 1)
                : raw.replaceFirst("^([\"`])[^\"`]*\\1\\.", "");
        return last.replaceAll("^[\"`\\[]|[\"`\\]]$", "").toLowerCase();
    }

    /**
     * The tables a normalized statement drops ({@code DROP TABLE [IF EXISTS] a[, b] [CASCADE|RESTRICT]}), as written:
     * possibly qualified, possibly quoted. Empty for any other statement.
     */
    public static List<String> droppedTables(String normalized) {
        Matcher m = DROP_TABLE.matcher(normalized);
        return m.find() ? splitTopLevel(m.group(1)) : List.of();
    }

    /** The schema a possibly qualified, possibly quoted name is qualified with, unquoted; null when it is not qualified. */
    public static String qualifier(String raw) {
        Matcher m = QUALIFIER.matcher(raw);
        return m.find() ? m.group(1).replaceAll("^[\"`\\[]|[\"`\\]]$", "") : null;
    }

    /** The names in a parenthesised column list, unquoted and lower-case. */
    public static List<String> columns(String list) {
        List<String> names = new ArrayList<>();
        if (list == null) {
            return names;
        }
        for (String item : splitTopLevel(list)) {
            String first = item.strip().split("\\s+")[0];
            if (!first.isEmpty()) {
                names.add(name(first));
            }
        }
        return names;
    }

    /** The text between the parenthesis at {@code open} and its partner, or null when it is not closed. */
    public static String parenthesised(String text, int open) {
        int close = open < 0 ? -1 : Parentheses.closing(text, open);
        return close < 0 ? null : text.substring(open + 1, close);
    }

    /** Splits on commas outside parentheses and string literals. */
    public static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                items.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = list.substring(start).strip();
        if (!last.isEmpty()) {
            items.add(last);
        }
        return items;
    }
}
