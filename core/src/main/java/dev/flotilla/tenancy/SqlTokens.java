package dev.flotilla.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a piece of SQLite DDL, each with its place in the text: words, quoted names ({@code "x"},
 * {@code `x`}, {@code [x]}), string literals, parenthesised groups (one token each), and single characters.
 * Comments are skipped. Enough to find the parts of a column definition or table constraint.
 */
record SqlTokens(String text, List<Token> tokens) {

    /** One token: {@code text.substring(start, end)}. */
    record Token(Kind kind, int start, int end, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        /** The name the token stands for: unquoted, as written. */
        String name() {
            return switch (kind) {
                case QUOTED -> text.substring(1, text.length() - 1).replace("\"\"", "\"").replace("``", "`");
                default -> text;
            };
        }
    }

    enum Kind { WORD, QUOTED, STRING, GROUP, OTHER }

    static SqlTokens of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = skipBlank(text, 0);
        while (i < text.length()) {
            Kind kind = kindAt(text.charAt(i));
            int end = switch (kind) {
                case STRING -> closingQuote(text, i, '\'');
                case QUOTED -> text.charAt(i) == '[' ? Math.max(i + 1, text.indexOf(']', i) + 1) : closingQuote(text, i, text.charAt(i));
                case GROUP -> closingParenthesis(text, i);
                case WORD -> wordEnd(text, i);
                case OTHER -> i + 1;
            };
            end = end <= i ? text.length() : end;
            tokens.add(new Token(kind, i, end, text.substring(i, end)));
            i = skipBlank(text, end);
        }
        return new SqlTokens(text, List.copyOf(tokens));
    }

    private static Kind kindAt(char c) {
        if (c == '\'') {
            return Kind.STRING;
        }
        if (c == '"' || c == '`' || c == '[') {
            return Kind.QUOTED;
        }
        if (c == '(') {
            return Kind.GROUP;
        }
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' ? Kind.WORD : Kind.OTHER;
    }

    private static int wordEnd(String text, int start) {
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                || text.charAt(end) == '$')) {
            end++;
        }
        return end;
    }

    /** Past whitespace and comments from {@code i}. */
    private static int skipBlank(String text, int i) {
        while (i < text.length()) {
            int next = skipComment(text, i);
            if (next == i && !Character.isWhitespace(text.charAt(i))) {
                return i;
            }
            i = next == i ? i + 1 : next;
        }
        return i;
    }

    /** Past the comment starting at {@code i}, or {@code i} when none starts there. */
    private static int skipComment(String text, int i) {
        if (text.startsWith("--", i)) {
            int eol = text.indexOf('\n', i);
            return eol < 0 ? text.length() : eol + 1;
        }
        if (text.startsWith("/*", i)) {
            int close = text.indexOf("*/", i + 2);
            return close < 0 ? text.length() : close + 2;
        }
        return i;
    }

    /** The index of the first word token equal to {@code word}, or -1. */
    int indexOfWord(String word) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits a parenthesised group's inside on its top-level commas. */
    static List<String> items(String inside) {
        List<String> items = new ArrayList<>();
        SqlTokens tokens = of(inside);
        int start = 0;
        for (Token token : tokens.tokens()) {
            if (token.kind() == Kind.OTHER && token.text().equals(",")) {
                items.add(inside.substring(start, token.start()).strip());
                start = token.end();
            }
        }
        String last = inside.substring(start).strip();
        if (!last.isEmpty()) {
            items.add(last);
        }
        return items;
    }

    /** The names in a parenthesised column list such as {@code ("a", b COLLATE NOCASE)}, lower-cased. */
    static List<String> columnNames(String group) {
        List<String> names = new ArrayList<>();
        for (String item : items(group.substring(1, group.length() - 1))) {
            List<Token> parts = of(item).tokens();
            if (!parts.isEmpty()) {
                names.add(parts.get(0).name().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static int closingQuote(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            int comment = skipComment(text, i);
            if (comment != i) {
                i = comment;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(text, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
