package dev.flotilla.tenancy;

import dev.flotilla.tenancy.SqlTokens.Kind;
import dev.flotilla.tenancy.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A SQLite {@code CREATE TABLE} statement cut into its column definitions and table constraints, so the same
 * table can be written again under another name with changes: what SQLite's own advice for the changes ALTER
 * TABLE cannot make (a table rebuild) starts from.
 *
 * @param tail what follows the closing parenthesis ({@code WITHOUT ROWID}, {@code STRICT})
 */
record SqliteTableText(List<String> columns, List<String> constraints, String tail) {
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check", "foreign");
    private static final Set<String> FK_CLAUSE_WORDS = Set.of("on", "delete", "update", "set", "null", "default", "cascade",
            "restrict", "no", "action", "match", "not", "deferrable", "initially", "deferred", "immediate", "simple",
            "full", "partial");

    static SqliteTableText parse(String createTable) {
        Token body = SqlTokens.of(createTable).tokens().stream().filter(t -> t.kind() == Kind.GROUP).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a CREATE TABLE with a column list: " + createTable));
        List<String> columns = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        for (String item : SqlTokens.items(body.text().substring(1, body.text().length() - 1))) {
            Token first = SqlTokens.of(item).tokens().get(0);
            boolean constraint = first.kind() == Kind.WORD && CONSTRAINT_WORDS.contains(first.text().toLowerCase(Locale.ROOT));
            (constraint ? constraints : columns).add(item);
        }
        return new SqliteTableText(List.copyOf(columns), List.copyOf(constraints), createTable.substring(body.end()));
    }

    /** The statement that creates this table as {@code name}. */
    String create(String name) {
        List<String> items = new ArrayList<>(columns);
        items.addAll(constraints);
        return "CREATE TABLE " + name + " (\n    " + String.join(",\n    ", items) + "\n)" + tail;
    }

    /** The name a column definition defines, lower-cased. */
    static String columnName(String definition) {
        return SqlTokens.of(definition).tokens().get(0).name().toLowerCase(Locale.ROOT);
    }

    /** The columns of a table-level {@code UNIQUE (..)} or {@code FOREIGN KEY (..)}, lower-cased; empty for others. */
    static List<String> constrainedColumns(String constraint, String keyword) {
        SqlTokens tokens = SqlTokens.of(constraint);
        int at = tokens.indexOfWord(keyword);
        Token group = at < 0 ? null : nextGroup(tokens, at);
        return group == null ? List.of() : SqlTokens.columnNames(group.text());
    }

    /** The table a {@code REFERENCES} clause in {@code text} names, lower-cased; null when there is none. */
    static String referencedTable(String text) {
        SqlTokens tokens = SqlTokens.of(text);
        int at = tokens.indexOfWord("references");
        return at < 0 || at + 1 >= tokens.tokens().size() ? null : tokens.tokens().get(at + 1).name().toLowerCase(Locale.ROOT);
    }

    /** A table-level constraint with {@code prefix} first in the column list after {@code keyword}. */
    static String prependToGroup(String constraint, String keyword, String prefix) {
        SqlTokens tokens = SqlTokens.of(constraint);
        Token group = nextGroup(tokens, tokens.indexOfWord(keyword));
        return constraint.substring(0, group.start() + 1) + prefix + ", " + constraint.substring(group.start() + 1);
    }

    /**
     * A {@code FOREIGN KEY (..) REFERENCES p (..)} constraint with {@code column} first on both sides;
     * {@code parentKey} is the referenced columns when the clause names none (the parent's primary key).
     */
    static String widenForeignKey(String constraint, String column, List<String> parentKey) {
        String widened = prependToGroup(constraint, "key", column);
        SqlTokens tokens = SqlTokens.of(widened);
        int references = tokens.indexOfWord("references");
        Token parent = tokens.tokens().get(references + 1);
        Token next = references + 2 < tokens.tokens().size() ? tokens.tokens().get(references + 2) : null;
        if (next != null && next.kind() == Kind.GROUP) {
            return widened.substring(0, next.start() + 1) + column + ", " + widened.substring(next.start() + 1);
        }
        return widened.substring(0, parent.end()) + " (" + column + ", " + String.join(", ", parentKey) + ")"
                + widened.substring(parent.end());
    }

    /** A column definition without its column-level UNIQUE (and the name and ON CONFLICT clause that go with it). */
    static String withoutUnique(String definition) {
        SqlTokens tokens = SqlTokens.of(definition);
        int at = tokens.indexOfWord("unique");
        if (at < 0) {
            return definition;
        }
        int from = constraintNameStart(tokens, at);
        int to = at + 1;
        List<Token> all = tokens.tokens();
        if (to + 2 < all.size() && all.get(to).isWord("on") && all.get(to + 1).isWord("conflict")) {
            to += 3;
        }
        return cut(definition, all, from, to);
    }

    /** The column-level {@code REFERENCES ..} clause of a definition, or null when it has none. */
    static String referencesClause(String definition) {
        SqlTokens tokens = SqlTokens.of(definition);
        int at = tokens.indexOfWord("references");
        return at < 0 ? null : definition.substring(tokens.tokens().get(at).start(), tokens.tokens().get(clauseEnd(tokens, at) - 1).end());
    }

    /** A column definition without its column-level REFERENCES clause (and its constraint name). */
    static String withoutReferences(String definition) {
        SqlTokens tokens = SqlTokens.of(definition);
        int at = tokens.indexOfWord("references");
        return at < 0 ? definition : cut(definition, tokens.tokens(), constraintNameStart(tokens, at), clauseEnd(tokens, at));
    }

    /** Past the end of a REFERENCES clause: the parent, its column list, then ON/MATCH/DEFERRABLE words. */
    private static int clauseEnd(SqlTokens tokens, int references) {
        List<Token> all = tokens.tokens();
        int i = references + 2;
        if (i < all.size() && all.get(i).kind() == Kind.GROUP) {
            i++;
        }
        while (i < all.size() && all.get(i).kind() == Kind.WORD && FK_CLAUSE_WORDS.contains(all.get(i).text().toLowerCase(Locale.ROOT))) {
            boolean notNull = all.get(i).isWord("not") && i + 1 < all.size() && all.get(i + 1).isWord("null");
            boolean nullConstraint = all.get(i).isWord("null") && !(i > 0 && all.get(i - 1).isWord("set"));
            boolean defaultConstraint = all.get(i).isWord("default") && !(i > 0 && all.get(i - 1).isWord("set"));
            if (notNull || nullConstraint || defaultConstraint) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int constraintNameStart(SqlTokens tokens, int at) {
        return at >= 2 && tokens.tokens().get(at - 2).isWord("constraint") ? at - 2 : at;
    }

    private static String cut(String text, List<Token> tokens, int from, int to) {
        int start = tokens.get(from).start();
        int end = to < tokens.size() ? tokens.get(to).start() : text.length();
        return (text.substring(0, start).stripTrailing() + " " + text.substring(end).stripLeading()).strip();
    }

    private static Token nextGroup(SqlTokens tokens, int from) {
        for (int i = from + 1; i < tokens.tokens().size(); i++) {
            if (tokens.tokens().get(i).kind() == Kind.GROUP) {
                return tokens.tokens().get(i);
            }
        }
        return null;
    }
}
