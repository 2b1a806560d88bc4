package dev.flotilla.lint;

import dev.flotilla.sql.Parentheses;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Just enough reading of SQL text for the lint rules: comments out, whitespace folded, names unquoted. */
final class SqlText {
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
    static final String NAME = "((?:[\\w$]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\])(?:\\.(?:[\\w$]+|\"[^\"]+\"|`[^`]+`))?)";

    private SqlText() {
    }

    /** The statement on one line, without comments. String literals are kept as they are. */
    static String normalize(String sql) {
        String noComments = BLOCK_COMMENT.matcher(LINE_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" ");
        return noComments.replaceAll("\\s+", " ").strip().replaceAll(";$", "").strip();
    }

    /** A possibly qualified, possibly quoted name as a plain lower-case table name. */
    static String name(String raw) {
        String last = raw.contains(".") && !raw.startsWith("\"") && !raw.startsWith("`") ? raw.substring(raw.lastIndexOf('.') + 1)
                : raw.replaceFirst("^([\"`])[^\"`]*\\1\\.", "");
        return last.replaceAll("^[\"`\\[]|[\"`\\]]$", "").toLowerCase();
    }

    /** The names in a parenthesised column list, unquoted and lower-case. */
    static List<String> columns(String list) {
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
    static String parenthesised(String text, int open) {
        int close = open < 0 ? -1 : Parentheses.closing(text, open);
        return close < 0 ? null : text.substring(open + 1, close);
    }

    /** Splits on commas outside parentheses and string literals. */
    static List<String> splitTopLevel(String list) {
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
