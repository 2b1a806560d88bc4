package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough reading of SQL text for the lint rules, a rollback's dry run and SQLite's stored CREATE statements: comments
 * out, whitespace folded, lists split and parentheses matched, names unquoted. Literals, quoted names, comments and
 * dollar-quoted bodies are told apart by the {@link SqlLexer} with one dialect's hooks, so this reads text as that
 * dialect's splitter does. Immutable and thread-safe; {@link Dialect#text()} gives one.
 */
public final class SqlText {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DROP_TABLE = Pattern.compile("(?i)^DROP TABLE (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$");
    /** One part of a name, bare or quoted (a doubled quote inside quotes is one quote character). */
    private static final String NAME_PART = "(?:[\\w$]+|\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|\\[[^\\]]+\\])";
    /** A possibly qualified, possibly quoted name, as a regular expression's group; {@link #name} reads it. */
    public static final String NAME = "(" + NAME_PART + "(?:\\." + NAME_PART + ")?)";
    private static final Pattern INSERT_SELECT = Pattern.compile("(?i)^INSERT INTO " + NAME
            + " (?:\\([^)]*\\) ?)?SELECT .*? FROM " + NAME);
    private static final Pattern ALTER_TABLE = Pattern.compile("(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + NAME + " (.*)$");
    private static final Pattern RENAME_TO = Pattern.compile("(?i)^RENAME TO " + NAME + "$");

    private final ScriptSplitter hooks;

    SqlText(ScriptSplitter hooks) {
        this.hooks = hooks;
    }

    /**
     * The statement on one line, without comments (each one a space; MySQL's executable {@code /*! .. *}{@code /} too)
     * and without its final semicolon.
     */
    public String normalize(String sql) {
        StringBuilder code = new StringBuilder(sql.length());
        for (SqlLexer.Token token : new SqlLexer(hooks, sql).tokens()) {
            boolean comment = token.kind() == SqlLexer.Kind.LINE_COMMENT || token.kind() == SqlLexer.Kind.BLOCK_COMMENT;
            code.append(comment ? " " : sql.substring(token.start(), token.end()));
        }
        return WHITESPACE.matcher(code).replaceAll(" ").strip().replaceAll(";$", "").strip();
    }

    /**
     * A possibly qualified, possibly quoted name ({@code app."My.Table"}) as a plain lower-case table name
     * ({@code my.table}): its last part, unquoted; a dot inside quotes is part of the name.
     */
    public String name(String raw) {
        List<String> parts = nameParts(raw);
        return parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The tables a normalized statement drops ({@code DROP TABLE [IF EXISTS] a[, b] [CASCADE|RESTRICT]}), as written:
     * possibly qualified, possibly quoted. Empty for any other statement.
     */
    public List<String> droppedTables(String normalized) {
        Matcher m = DROP_TABLE.matcher(normalized);
        return m.find() ? splitTopLevel(m.group(1)) : List.of();
    }

    /**
     * A table one script rebuilds with its rows, as SQLite documents it for changes ALTER TABLE cannot make (and
     * {@code tenancy adopt}'s down file does on SQLite): a new table filled from the old one ({@code INSERT INTO new ...
     * SELECT ... FROM old}), the old one dropped, then the new one renamed to its name. Its rows live on, so that
     * {@code DROP TABLE} loses none.
     *
     * @param table its plain lower-case name, as {@link #name} gives it
     * @param drop the index, among the script's statements, of the {@code DROP TABLE} that is part of the rebuild
     */
    public record Rebuild(String table, int drop) {
    }

    /** The rebuilds in one script's normalized statements, in the order their renames come. */
    public List<Rebuild> rebuilds(List<String> normalized) {
        Map<String, String> copiedFrom = new HashMap<>();
        Map<String, Integer> droppedAt = new HashMap<>();
        List<Rebuild> rebuilds = new ArrayList<>();
        for (int i = 0; i < normalized.size(); i++) {
            String sql = normalized.get(i);
            Matcher m;
            if ((m = INSERT_SELECT.matcher(sql)).find()) {
                copiedFrom.put(name(m.group(1)), name(m.group(2)));
            } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
                String from = name(m.group(1));
                String to = renamedTo(m.group(2));
                if (to != null && droppedAt.containsKey(to) && to.equals(copiedFrom.get(from))) {
                    rebuilds.add(new Rebuild(to, droppedAt.remove(to)));
                }
            } else {
                int index = i;
                droppedTables(sql).forEach(raw -> droppedAt.put(name(raw), index));
            }
        }
        return rebuilds;
    }

    /** The name an ALTER TABLE's actions rename the table to ({@code RENAME TO new}), lower case; null for none. */
    private String renamedTo(String actions) {
        for (String action : splitTopLevel(actions)) {
            Matcher m = RENAME_TO.matcher(action);
            if (m.find()) {
                return name(m.group(1));
            }
        }
        return null;
    }

    /**
     * The schema a possibly qualified, possibly quoted name is qualified with (the part before the last), unquoted;
     * null when it is not qualified.
     */
    public String qualifier(String raw) {
        List<String> parts = nameParts(raw);
        return parts.size() < 2 ? null : parts.get(parts.size() - 2);
    }

    /** The parts of a dotted name, each unquoted; dots inside quotes do not divide it. */
    private List<String> nameParts(String raw) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (SqlTerm term : terms(raw)) {
            if (term.kind() == SqlTerm.Kind.SYMBOL && term.text().equals(".")) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(term.name());
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /** The names in a parenthesised column list, unquoted and lower-case. */
    public List<String> columns(String list) {
        List<String> names = new ArrayList<>();
        if (list == null) {
            return names;
        }
        for (String item : splitTopLevel(list)) {
            String first = firstName(item);
            if (!first.isEmpty()) {
                names.add(first);
            }
        }
        return names;
    }

    /**
     * The name a column definition or a column list's item starts with, unquoted and lower-case; an expression
     * ({@code lower(email)}, MySQL's prefix {@code email(10)}) whole, lower-case.
     */
    public String firstName(String item) {
        List<SqlTerm> terms = terms(item);
        // A literal too: MySQL reads "x" as one unless ANSI_QUOTES is on, where it is a name.
        boolean named = !terms.isEmpty() && terms.get(0).kind() != SqlTerm.Kind.SYMBOL && terms.get(0).kind() != SqlTerm.Kind.GROUP
                && (terms.size() == 1 || terms.get(1).kind() != SqlTerm.Kind.GROUP);
        return (named ? terms.get(0).name() : item.strip()).toLowerCase(Locale.ROOT);
    }

    /**
     * The terms of {@code code} left to right: words, quoted names, literals, parenthesised groups (one term each) and
     * other characters, without comments and whitespace.
     */
    public List<SqlTerm> terms(String code) {
        List<SqlTerm> terms = new ArrayList<>();
        int depth = 0;
        int groupStart = 0;
        for (SqlLexer.Token token : new SqlLexer(hooks, code).tokens()) {
            int nesting = nesting(code, token);
            if (depth > 0 || nesting > 0) {
                groupStart = depth == 0 ? token.start() : groupStart;
                depth += nesting;
                if (depth == 0) {
                    terms.add(new SqlTerm(SqlTerm.Kind.GROUP, groupStart, token.end(), code.substring(groupStart, token.end())));
                }
                continue;
            }
            SqlTerm.Kind kind = switch (token.kind()) {
                case WORD -> SqlTerm.Kind.WORD;
                case QUOTED_NAME -> SqlTerm.Kind.QUOTED_NAME;
                case STRING, DOLLAR_BODY -> SqlTerm.Kind.LITERAL;
                case SYMBOL -> Character.isWhitespace(code.charAt(token.start())) ? null : SqlTerm.Kind.SYMBOL;
                case LINE_COMMENT, BLOCK_COMMENT -> null;
            };
            if (kind != null) {
                terms.add(new SqlTerm(kind, token.start(), token.end(), code.substring(token.start(), token.end())));
            }
        }
        if (depth > 0) {
            terms.add(new SqlTerm(SqlTerm.Kind.GROUP, groupStart, code.length(), code.substring(groupStart)));
        }
        return terms;
    }

    /** The text between the parenthesis at {@code open} and its partner, or null when it is not closed. */
    public String parenthesised(String text, int open) {
        int close = open < 0 ? -1 : closing(text, open);
        return close < 0 ? null : text.substring(open + 1, close);
    }

    /**
     * The index of the parenthesis that closes the one at {@code open}, or -1 when it is never closed or the one at
     * {@code open} is not code (inside a literal, a quoted name or a comment).
     */
    public int closing(String text, int open) {
        int depth = 0;
        for (SqlLexer.Token token : new SqlLexer(hooks, text).tokens()) {
            if (token.end() <= open) {
                continue;
            }
            if (depth == 0 && !(token.start() == open && token.kind() == SqlLexer.Kind.SYMBOL && text.charAt(open) == '(')) {
                return -1;
            }
            depth += nesting(text, token);
            if (depth == 0) {
                return token.start();
            }
        }
        return -1;
    }

    /** Splits on commas outside parentheses, literals, quoted names, comments and bodies. */
    public List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (SqlLexer.Token token : new SqlLexer(hooks, list).tokens()) {
            depth += nesting(list, token);
            if (depth == 0 && token.kind() == SqlLexer.Kind.SYMBOL && list.charAt(token.start()) == ',') {
                items.add(list.substring(start, token.start()).strip());
                start = token.end();
            }
        }
        String last = list.substring(start).strip();
        if (!last.isEmpty()) {
            items.add(last);
        }
        return items;
    }

    /** Where {@code text} is written in {@code sql}: see {@link Dialect#find}. */
    Dialect.Found find(String sql, String text) {
        return new SqlLexer(hooks, sql).find(text);
    }

    /** +1 for an opening parenthesis in code, -1 for a closing one, else 0. */
    private static int nesting(String text, SqlLexer.Token token) {
        if (token.kind() != SqlLexer.Kind.SYMBOL) {
            return 0;
        }
        char c = text.charAt(token.start());
        return c == '(' ? 1 : c == ')' ? -1 : 0;
    }
}
