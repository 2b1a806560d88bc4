package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The one SQL tokenizer: cuts text into words, single characters, and the spans where SQL's own reading stops (string
 * literals, quoted names, comments, dollar-quoted bodies), asking a dialect's {@link ScriptSplitter} hooks which quotes,
 * escapes, comment forms and dollar quotes it has. {@link ScriptWalk} splits scripts with it, {@link #find} looks for
 * text written as code (a custom check's {@code ${tenant}}), and {@link SqlText} reads statements for the lint rules,
 * names, and SQLite's stored table text ({@link SqlText#terms}).
 * It reports an unterminated span (running to the end of the text) and leaves the error to its caller. Immutable: one
 * lexer per text.
 */
final class SqlLexer {
    /** What a token is. */
    enum Kind {
        WORD, SYMBOL, STRING, QUOTED_NAME, DOLLAR_BODY, LINE_COMMENT, BLOCK_COMMENT;

        /** Whether SQL reads it as code, not as a literal, a quoted name or a comment. */
        boolean isCode() {
            return this == WORD || this == SYMBOL;
        }

        /** Whether it is a string literal, a quoted name or a dollar-quoted body. */
        boolean isQuoted() {
            return this == STRING || this == QUOTED_NAME || this == DOLLAR_BODY;
        }
    }

    /**
     * The token {@code [start, end)}. {@code closed} is false for a span the text ended inside (then {@code end} is the
     * text's length); {@code what} names it in an error ({@code string (')}, {@code block comment}).
     */
    record Token(Kind kind, int start, int end, boolean closed, String what) {
    }

    private final ScriptSplitter hooks;
    private final String s;

    SqlLexer(ScriptSplitter hooks, String text) {
        this.hooks = hooks;
        this.s = text;
    }

    /** The token starting at {@code pos}, which must be where the previous token ended (or 0). */
    Token next(int pos) {
        char c = s.charAt(pos);
        if (hooks.isLineComment(s, pos)) {
            int eol = s.indexOf('\n', pos);
            return new Token(Kind.LINE_COMMENT, pos, eol < 0 ? s.length() : eol, true, "line comment");
        } else if (s.startsWith("/*", pos)) {
            return blockComment(pos);
        } else if (c == '\'') {
            return quoted(pos, pos, hooks.backslashEscapesInStrings(), Kind.STRING);
        } else if (c == '"') {
            return quoted(pos, pos, hooks.doubleQuoteIsString() && hooks.backslashEscapesInStrings(),
                    hooks.doubleQuoteIsString() ? Kind.STRING : Kind.QUOTED_NAME);
        } else if (hooks.extraIdentifierQuotes().indexOf(c) >= 0) {
            return quoted(pos, pos, false, Kind.QUOTED_NAME);
        } else if (c == '[' && hooks.bracketIdentifiers()) {
            int close = s.indexOf(']', pos);
            return close < 0 ? new Token(Kind.QUOTED_NAME, pos, s.length(), false, "[identifier]")
                    : new Token(Kind.QUOTED_NAME, pos, close + 1, true, "[identifier]");
        } else if (c == '$' && dollarTag(pos) != null) {
            return dollarQuoted(pos, dollarTag(pos));
        } else if (Character.isLetter(c) || c == '_') {
            return word(pos);
        }
        return new Token(Kind.SYMBOL, pos, pos + 1, true, "");
    }

    /** Every token of the text, left to right. */
    List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        for (int pos = 0; pos < s.length(); pos = tokens.get(tokens.size() - 1).end()) {
            tokens.add(next(pos));
        }
        return tokens;
    }

    /** Where {@code text} is written: as {@link Dialect#find} says. */
    Dialect.Found find(String text) {
        List<Integer> inCode = new ArrayList<>();
        boolean inQuotes = false;
        int codeFrom = 0;
        for (Token token : tokens()) {
            if (!token.kind().isCode()) {
                addUses(text, codeFrom, token.start(), inCode);
                inQuotes |= token.kind().isQuoted() && s.substring(token.start(), token.end()).contains(text);
                codeFrom = token.end();
            }
        }
        addUses(text, codeFrom, s.length(), inCode);
        return new Dialect.Found(inCode, inQuotes);
    }

    /** The uses of {@code text} within {@code [from, to)}, a stretch of code, left to right and not overlapping. */
    private void addUses(String text, int from, int to, List<Integer> uses) {
        int at = s.indexOf(text, from);
        while (at >= 0 && at + text.length() <= to) {
            uses.add(at);
            at = s.indexOf(text, at + text.length());
        }
    }

    static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A word, or a whole escape string when the word is its prefix ({@code E'..'}). */
    private Token word(int start) {
        int end = start;
        while (end < s.length() && isWordPart(s.charAt(end))) {
            end++;
        }
        if (end < s.length() && s.charAt(end) == '\'' && hooks.isEscapeStringPrefix(s.substring(start, end))) {
            return quoted(start, end, true, Kind.STRING);
        }
        return new Token(Kind.WORD, start, end, true, "");
    }

    private Token blockComment(int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.startsWith("/*", i) && (depth == 0 || hooks.nestedBlockComments())) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return new Token(Kind.BLOCK_COMMENT, start, i, true, "block comment");
                }
            } else {
                i++;
            }
        }
        return new Token(Kind.BLOCK_COMMENT, start, s.length(), false, "block comment");
    }

    /** The quoted span opening at {@code quoteAt} (a prefix may start it earlier); a doubled quote does not close it. */
    private Token quoted(int start, int quoteAt, boolean backslash, Kind kind) {
        char quote = s.charAt(quoteAt);
        String what = (kind == Kind.STRING ? "string" : "quoted identifier") + " (" + quote + ")";
        int i = quoteAt + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return new Token(kind, start, i + 1, true, what);
            } else {
                i++;
            }
        }
        return new Token(kind, start, s.length(), false, what);
    }

    /** The dollar-quote tag starting at pos ({@code $$} or {@code $name$}), or null. */
    private String dollarTag(int pos) {
        if (hooks.dollarQuotes() == ScriptSplitter.DollarQuotes.NONE || (pos > 0 && isWordPart(s.charAt(pos - 1)))) {
            return null;
        }
        if (s.startsWith("$$", pos)) {
            return "$$";
        }
        if (hooks.dollarQuotes() != ScriptSplitter.DollarQuotes.TAGGED) {
            return null;
        }
        int i = pos + 1;
        if (i >= s.length() || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
            return null;
        }
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '$' ? s.substring(pos, i + 1) : null;
    }

    private Token dollarQuoted(int start, String tag) {
        int close = s.indexOf(tag, start + tag.length());
        String what = "dollar-quoted string " + tag;
        return close < 0 ? new Token(Kind.DOLLAR_BODY, start, s.length(), false, what)
                : new Token(Kind.DOLLAR_BODY, start, close + tag.length(), true, what);
    }
}
