package dev.flotilla.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * One pass over one script, token by token ({@link SqlLexer}), tracking lines, delimiters and BEGIN..END bodies: the
 * statement splitting of {@link ScriptSplitter}, asking its dialect's hooks what differs between databases. Not
 * thread-safe: one walk per script.
 */
final class ScriptWalk {
    private final ScriptSplitter hooks;
    private final String s;
    private final SqlLexer lexer;
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
        this.lexer = new SqlLexer(hooks, script);
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
        if (current.isEmpty() && hooks.delimiterDirective() && atWord("DELIMITER")) {
            readDelimiterDirective();
        } else if ((bodies.isEmpty() || !delimiter.equals(";")) && s.startsWith(delimiter, pos)) {
            pos += delimiter.length();
            finishStatement();
        } else if (liquibase && LiquibaseFormattedSql.lineAt(s, pos) != LiquibaseFormattedSql.Line.NOT_A_DIRECTIVE) {
            liquibaseDirective();
        } else {
            take(lexer.next(pos));
        }
    }

    private void take(SqlLexer.Token token) {
        if (!token.closed()) {
            throw new SqlParseException(line, "Unterminated " + token.what() + " starting at line " + line);
        }
        switch (token.kind()) {
            case LINE_COMMENT -> lineComment(token.end());
            case BLOCK_COMMENT -> blockComment(token.end());
            default -> {
                appendRange(pos, token.end());
                pos = token.end();
                if (token.kind() == SqlLexer.Kind.WORD) {
                    trackBodies(s.substring(token.start(), token.end()).toUpperCase(Locale.ROOT));
                }
            }
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

    private void lineComment(int end) {
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

    private void blockComment(int end) {
        if (hooks.blockCommentIsText(s, pos) || !current.isEmpty()) {
            appendRange(pos, end);
        } else {
            line += (int) s.substring(pos, end).chars().filter(ch -> ch == '\n').count();
        }
        pos = end;
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
        while (i < s.length() && SqlLexer.isWordPart(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
