package dev.flotilla.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * One pass over one script, character by character, tracking lines: the shared tokenizer of {@link ScriptSplitter},
 * asking its dialect's hooks what differs between databases. Not thread-safe: one walk per script.
 */
final class ScriptWalk {
    private final ScriptSplitter hooks;
    private final String s;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final boolean liquibase;
    private final StringBuilder current = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private final Deque<int[]> bodies = new ArrayDeque<>(); // {kind: 0 BEGIN / 1 CASE, line}
    private String delimiter = ";";
    private int pos;
    private int line = 1;
    private int startLine;

    ScriptWalk(ScriptSplitter hooks, String script) {
        this.hooks = hooks;
        this.s = script;
        this.liquibase = LiquibaseFormattedSql.isFormatted(script);
    }

    List<SqlStatement> run() {
        while (pos < s.length()) {
            step();
        }
        if (!bodies.isEmpty() && delimiter.equals(";")) {
            int[] open = bodies.peekLast();
            throw new SqlParseException(open[1], "BEGIN at line " + open[1] + " has no matching END");
        }
        finishStatement();
        return statements;
    }

    private void step() {
        char c = s.charAt(pos);
        if (current.isEmpty() && hooks.delimiterDirective() && atWord("DELIMITER")) {
            readDelimiterDirective();
        } else if ((bodies.isEmpty() || !delimiter.equals(";")) && s.startsWith(delimiter, pos)) {
            pos += delimiter.length();
            finishStatement();
        } else if (liquibase && LiquibaseFormattedSql.lineAt(s, pos) != LiquibaseFormattedSql.Line.NOT_A_DIRECTIVE) {
            liquibaseDirective();
        } else if (hooks.isLineComment(s, pos)) {
            skipLineComment();
        } else if (s.startsWith("/*", pos)) {
            blockComment();
        } else if (c == '\'') {
            quoted('\'', hooks.backslashEscapesInStrings(), "string");
        } else if (c == '"') {
            quoted('"', hooks.doubleQuoteIsString() && hooks.backslashEscapesInStrings(), hooks.doubleQuoteIsString() ? "string" : "quoted identifier");
        } else if (hooks.extraIdentifierQuotes().indexOf(c) >= 0) {
            quoted(c, false, "quoted identifier");
        } else if (c == '[' && hooks.bracketIdentifiers()) {
            bracketed();
        } else if (c == '$' && dollarTag() != null) {
            dollarQuoted(dollarTag());
        } else if (Character.isLetter(c) || c == '_') {
            word();
        } else {
            append(c);
            pos++;
        }
    }

    private void append(char c) {
        if (c == '\n') {
            line++;
        }
        if (current.isEmpty()) {
            if (Character.isWhitespace(c)) {
                return;
            }
            startLine = line;
        }
        current.append(c);
    }

    private void appendRange(int from, int to) {
        for (int i = from; i < to; i++) {
            append(s.charAt(i));
        }
    }

    private void finishStatement() {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new SqlStatement(sql, startLine, hooks.canRunInTransaction(sql)));
        }
        current.setLength(0);
        words.clear();
        bodies.clear();
    }

    private boolean atWord(String word) {
        int end = pos + word.length();
        return s.regionMatches(true, pos, word, 0, word.length())
                && (end == s.length() || Character.isWhitespace(s.charAt(end)));
    }

    private void readDelimiterDirective() {
        int eol = s.indexOf('\n', pos);
        int end = eol < 0 ? s.length() : eol;
        String rest = s.substring(pos + "DELIMITER".length(), end).strip();
        if (rest.isEmpty()) {
            throw new SqlParseException(line, "DELIMITER at line " + line + " names no delimiter; write e.g. DELIMITER //");
        }
        delimiter = rest.split("\\s+")[0];
        pos = end;
    }

    private void skipLineComment() {
        int eol = s.indexOf('\n', pos);
        int end = eol < 0 ? s.length() : eol;
        if (!current.isEmpty()) {
            appendRange(pos, end);
        } else if (s.startsWith(BackfillDirective.PREFIX, pos)) {
            directive(s.substring(pos, end).strip());
        }
        pos = end;
    }

    /** A Liquibase directive is left out in every dialect; a changeset ends the statement before it, as in Liquibase. */
    private void liquibaseDirective() {
        if (LiquibaseFormattedSql.lineAt(s, pos) == LiquibaseFormattedSql.Line.CHANGESET) {
            finishStatement();
        }
        int eol = s.indexOf('\n', pos);
        pos = eol < 0 ? s.length() : eol;
    }

    /** A backfill line between statements is a statement of its own, run in batches outside a transaction. */
    private void directive(String text) {
        try {
            BackfillDirective.parse(text);
        } catch (dev.flotilla.FlotillaException e) {
            throw new SqlParseException(line, "Line " + line + ": " + e.getMessage());
        }
        statements.add(new SqlStatement(text, line, false));
    }

    private void blockComment() {
        int start = pos;
        int startedAt = line;
        boolean text = hooks.blockCommentIsText(s, pos);
        int depth = 0;
        int i = pos;
        while (true) {
            if (i >= s.length() - 1) {
                throw new SqlParseException(startedAt, "Unterminated block comment starting at line " + startedAt);
            }
            if (s.startsWith("/*", i) && (depth == 0 || hooks.nestedBlockComments())) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                i++;
            }
        }
        if (text || !current.isEmpty()) {
            appendRange(start, i);
        } else {
            line += (int) s.substring(start, i).chars().filter(ch -> ch == '\n').count();
        }
        pos = i;
    }

    private void quoted(char quote, boolean backslash, String what) {
        int startedAt = line;
        int i = pos + 1;
        while (true) {
            if (i >= s.length()) {
                throw new SqlParseException(startedAt, "Unterminated " + what + " (" + quote + ") starting at line " + startedAt);
            }
            char c = s.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                break;
            } else {
                i++;
            }
        }
        appendRange(pos, i + 1);
        pos = i + 1;
    }

    private void bracketed() {
        int close = s.indexOf(']', pos);
        if (close < 0) {
            throw new SqlParseException(line, "Unterminated [identifier] starting at line " + line);
        }
        appendRange(pos, close + 1);
        pos = close + 1;
    }

    /** The dollar-quote tag starting at pos ({@code $$} or {@code $name$}), or null. */
    private String dollarTag() {
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

    private void dollarQuoted(String tag) {
        int close = s.indexOf(tag, pos + tag.length());
        if (close < 0) {
            throw new SqlParseException(line, "Unterminated dollar-quoted string " + tag + " starting at line " + line);
        }
        appendRange(pos, close + tag.length());
        pos = close + tag.length();
    }

    private void word() {
        int start = pos;
        while (pos < s.length() && isWordPart(s.charAt(pos))) {
            pos++;
        }
        String word = s.substring(start, pos);
        appendRange(start, pos);
        if (pos < s.length() && s.charAt(pos) == '\'' && hooks.isEscapeStringPrefix(word)) {
            quoted('\'', true, "string");
            return;
        }
        trackBodies(word.toUpperCase(Locale.ROOT));
    }

    private void trackBodies(String upper) {
        String previous = words.isEmpty() ? "" : words.get(words.size() - 1);
        if (upper.equals("BEGIN") && hooks.opensBody(words, peekWord())) {
            bodies.push(new int[] {0, line});
        } else if (!bodies.isEmpty() && upper.equals("CASE") && !previous.equals("END")) {
            bodies.push(new int[] {1, line});
        } else if (!bodies.isEmpty() && upper.equals("END")) {
            String next = peekWord();
            boolean closesControl = next.equals("IF") || next.equals("LOOP") || next.equals("WHILE") || next.equals("REPEAT");
            if (!closesControl) {
                bodies.pop();
            }
        }
        words.add(upper);
    }

    /** The next word after whitespace, upper case, or "" when something else follows. */
    private String peekWord() {
        int i = pos;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < s.length() && isWordPart(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
