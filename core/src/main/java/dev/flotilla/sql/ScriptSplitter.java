package dev.flotilla.sql;

import java.util.List;

/**
 * The shared tokenizer that cuts a script into statements. It walks the script once, character by
 * character, tracking lines, and never splits inside a string, quoted identifier, comment, dollar-quoted
 * body or BEGIN..END body. What differs between databases is asked of the hooks below, which the dialect
 * subclasses override. Comments between statements are dropped, except a {@link BackfillDirective} line, which
 * is a statement of its own; comments inside a statement are kept. Liquibase's directive lines in Liquibase formatted
 * SQL are dropped wherever they are ({@link LiquibaseFormattedSql}).
 * Stateless; one instance may split many scripts, from any thread.
 */
abstract class ScriptSplitter {
    /** Which dollar-quoted bodies a dialect has. */
    enum DollarQuotes { NONE, UNTAGGED, TAGGED }

    // ---- hooks ----

    /** Whether a backslash escapes the next character in '..' strings (MySQL). */
    boolean backslashEscapesInStrings() {
        return false;
    }

    /** Whether ".." is a string (MySQL) rather than a quoted identifier. */
    boolean doubleQuoteIsString() {
        return false;
    }

    /** Whether {@code word}, written right before a quote, makes an escape string (PostgreSQL {@code E'..'}). */
    boolean isEscapeStringPrefix(String word) {
        return false;
    }

    /** Quote characters for identifiers besides the double quote (the backtick on MySQL and SQLite). */
    String extraIdentifierQuotes() {
        return "";
    }

    /** Whether [bracketed] identifiers exist (SQLite). */
    boolean bracketIdentifiers() {
        return false;
    }

    DollarQuotes dollarQuotes() {
        return DollarQuotes.NONE;
    }

    /** Whether block comments nest (PostgreSQL). */
    boolean nestedBlockComments() {
        return false;
    }

    /** Whether a line comment starts at {@code pos}; by default {@code --}. */
    boolean isLineComment(String script, int pos) {
        return script.startsWith("--", pos);
    }

    /** Whether the block comment at {@code pos} is statement text (MySQL's executable comments). */
    boolean blockCommentIsText(String script, int pos) {
        return false;
    }

    /** Whether the client-side {@code DELIMITER} directive is understood (MySQL). */
    boolean delimiterDirective() {
        return false;
    }

    /**
     * Whether the word BEGIN, met after {@code words} (upper case) and followed by {@code next}, opens a body
     * that runs until its matching END, semicolons included.
     */
    boolean opensBody(List<String> words, String next) {
        return false;
    }

    /** Whether the statement may run inside a transaction. */
    boolean canRunInTransaction(String statement) {
        return true;
    }

    // ---- the walk (ScriptWalk) ----

    List<SqlStatement> split(String script) {
        return new ScriptWalk(this, script).run();
    }

    static boolean startsWithWords(List<String> words, String first) {
        return !words.isEmpty() && words.get(0).equals(first);
    }
}
