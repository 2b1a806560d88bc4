package dev.flotilla.sql;

import java.util.Locale;
import java.util.Set;

/**
 * One term of a piece of SQL code as {@link SqlText#terms} reads it: {@code text} is the source from {@code start} to
 * {@code end}. A parenthesised group is one term, whatever it holds; comments and whitespace are no terms.
 */
public record SqlTerm(Kind kind, int start, int end, String text) {
    /** What a term is. */
    public enum Kind {
        /** A bare word: a keyword or an unquoted name. */
        WORD,
        /** A name in the dialect's identifier quotes ({@code "a b"}, {@code `a b`}, SQLite's {@code [a b]}). */
        QUOTED_NAME,
        /** A string literal or a dollar-quoted body. */
        LITERAL,
        /** From an opening parenthesis to its partner (to the end of the text when it has none). */
        GROUP,
        /** Any other character, one at a time (digits too). */
        SYMBOL
    }

    /** Whether this is the bare word {@code word}, in any case. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is a bare word among {@code lowerCaseWords}. */
    public boolean isWordIn(Set<String> lowerCaseWords) {
        return kind == Kind.WORD && lowerCaseWords.contains(text.toLowerCase(Locale.ROOT));
    }

    /**
     * The name the term stands for, as written: a quoted one without its quotes (a doubled quote inside read as one),
     * a single-quoted one too (SQLite and MySQL take a string where a name belongs), anything else as it is.
     */
    public String name() {
        if (text.length() < 2 || !(kind == Kind.QUOTED_NAME || kind == Kind.LITERAL)) {
            return text;
        }
        char open = text.charAt(0);
        char close = open == '[' ? ']' : open;
        if ("\"`'[".indexOf(open) < 0 || text.charAt(text.length() - 1) != close) {
            return text;
        }
        String inside = text.substring(1, text.length() - 1);
        return open == '[' ? inside : inside.replace(String.valueOf(open) + open, String.valueOf(open));
    }
}
