package dev.flotilla.tenancy;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlTerm.Kind;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A SQLite {@code CREATE TABLE} statement cut into its column definitions and table constraints, so the same
 * table can be written again under another name with changes: what SQLite's own advice for the changes ALTER
 * TABLE cannot make (a table rebuild) starts from. The text is read as SQLite reads it ({@link SqlText}), so a
 * name in {@code ".."}, {@code `..`} or {@code [..]} may hold any character, and comments are no code.
 *
 * @param tail what follows the closing parenthesis ({@code WITHOUT ROWID}, {@code STRICT})
 */
record SqliteTableText(List<String> columns, List<String> constraints, String tail) {
    private static final SqlText SQLITE = Dialect.forUrl("jdbc:sqlite:").text();
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "check", "foreign");
    private static final Set<String> FK_CLAUSE_WORDS = Set.of("on", "delete", "update", "set", "null", "default", "cascade",
            "restrict", "no", "action", "match", "not", "deferrable", "initially", "deferred", "immediate", "simple",
            "full", "partial");

    static SqliteTableText parse(String createTable) {
        SqlTerm body = SQLITE.terms(createTable).stream().filter(t -> t.kind() == Kind.GROUP).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a CREATE TABLE with a column list: " + createTable));
        List<String> columns = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        for (String item : SQLITE.splitTopLevel(inside(body))) {
            List<SqlTerm> terms = SQLITE.terms(item);
            boolean constraint = !terms.isEmpty() && terms.get(0).isWordIn(CONSTRAINT_WORDS);
            (constraint ? constraints : columns).add(item);
        }
        return new SqliteTableText(List.copyOf(columns), List.copyOf(constraints), createTable.substring(body.end()));
    }

    /**
     * The statement that creates this table as {@code name}. An item that ends in a comment gets a line break after
     * it, so a line comment cannot swallow the comma that follows.
     */
    String create(String name) {
        List<String> items = new ArrayList<>(columns);
        items.addAll(constraints);
        List<String> written = items.stream().map(item -> endsInComment(item) ? item + "\n" : item).toList();
        return "CREATE TABLE " + name + " (\n    " + String.join(",\n    ", written) + "\n)" + tail;
    }

    private static boolean endsInComment(String item) {
        List<SqlTerm> terms = SQLITE.terms(item);
        return terms.isEmpty() || item.substring(terms.get(terms.size() - 1).end()).strip().length() > 0;
    }

    /** Whether a column is {@code AUTOINCREMENT}: its ids are never given out twice, kept in sqlite_sequence. */
    boolean autoincrement() {
        return columns.stream().anyMatch(c -> indexOfWord(SQLITE.terms(c), "autoincrement") >= 0);
    }

    /** The name a column definition defines, lower-cased. */
    static String columnName(String definition) {
        return SQLITE.terms(definition).get(0).name().toLowerCase(Locale.ROOT);
    }

    /** The columns of a table-level {@code UNIQUE (..)} or {@code FOREIGN KEY (..)}, lower-cased; empty for others. */
    static List<String> constrainedColumns(String constraint, String keyword) {
        List<SqlTerm> terms = SQLITE.terms(constraint);
        SqlTerm group = nextGroup(terms, indexOfWord(terms, keyword));
        return group == null ? List.of() : SQLITE.columns(inside(group));
    }

    /**
     * The index a {@code CREATE UNIQUE INDEX [IF NOT EXISTS] [schema.]name ON ..} statement creates, unquoted (a quoted
     * name may hold spaces, brackets, dots); null for any other statement.
     */
    static String uniqueIndexName(String createIndex) {
        List<SqlTerm> terms = SQLITE.terms(createIndex);
        if (terms.size() < 4 || !terms.get(0).isWord("create") || !terms.get(1).isWord("unique")
                || !terms.get(2).isWord("index")) {
            return null;
        }
        int at = terms.get(3).isWord("if") ? 6 : 3; // IF NOT EXISTS
        if (terms.size() > at + 2 && terms.get(at + 1).text().equals(".")) {
            at += 2; // schema.name
        }
        return at < terms.size() ? terms.get(at).name() : null;
    }

    /** The table a {@code REFERENCES} clause in {@code text} names, lower-cased; null when there is none. */
    static String referencedTable(String text) {
        List<SqlTerm> terms = SQLITE.terms(text);
        int at = indexOfWord(terms, "references");
        return at < 0 || at + 1 >= terms.size() ? null : terms.get(at + 1).name().toLowerCase(Locale.ROOT);
    }

    /** A table-level constraint with {@code prefix} first in the column list after {@code keyword}. */
    static String prependToGroup(String constraint, String keyword, String prefix) {
        List<SqlTerm> terms = SQLITE.terms(constraint);
        SqlTerm group = nextGroup(terms, indexOfWord(terms, keyword));
        return constraint.substring(0, group.start() + 1) + prefix + ", " + constraint.substring(group.start() + 1);
    }

    /**
     * A {@code FOREIGN KEY (..) REFERENCES p (..)} constraint with {@code column} first on both sides;
     * {@code parentKey} is the referenced columns when the clause names none (the parent's primary key).
     */
    static String widenForeignKey(String constraint, String column, List<String> parentKey) {
        String widened = prependToGroup(constraint, "key", column);
        List<SqlTerm> terms = SQLITE.terms(widened);
        int references = indexOfWord(terms, "references");
        SqlTerm parent = terms.get(references + 1);
        SqlTerm next = references + 2 < terms.size() ? terms.get(references + 2) : null;
        if (next != null && next.kind() == Kind.GROUP) {
            return widened.substring(0, next.start() + 1) + column + ", " + widened.substring(next.start() + 1);
        }
        return widened.substring(0, parent.end()) + " (" + column + ", " + String.join(", ", parentKey) + ")"
                + widened.substring(parent.end());
    }

    /** A column definition without its column-level UNIQUE (and the name and ON CONFLICT clause that go with it). */
    static String withoutUnique(String definition) {
        List<SqlTerm> terms = SQLITE.terms(definition);
        int at = indexOfWord(terms, "unique");
        if (at < 0) {
            return definition;
        }
        int to = at + 1;
        if (to + 2 < terms.size() && terms.get(to).isWord("on") && terms.get(to + 1).isWord("conflict")) {
            to += 3;
        }
        return cut(definition, terms, constraintNameStart(terms, at), to);
    }

    /** The column-level {@code REFERENCES ..} clause of a definition, or null when it has none. */
    static String referencesClause(String definition) {
        List<SqlTerm> terms = SQLITE.terms(definition);
        int at = indexOfWord(terms, "references");
        return at < 0 ? null : definition.substring(terms.get(at).start(), terms.get(clauseEnd(terms, at) - 1).end());
    }

    /** A column definition without its column-level REFERENCES clause (and its constraint name). */
    static String withoutReferences(String definition) {
        List<SqlTerm> terms = SQLITE.terms(definition);
        int at = indexOfWord(terms, "references");
        return at < 0 ? definition : cut(definition, terms, constraintNameStart(terms, at), clauseEnd(terms, at));
    }

    /** Past the end of a REFERENCES clause: the parent, its column list, then ON/MATCH/DEFERRABLE words. */
    private static int clauseEnd(List<SqlTerm> terms, int references) {
        int i = references + 2;
        if (i < terms.size() && terms.get(i).kind() == Kind.GROUP) {
            i++;
        }
        while (i < terms.size() && terms.get(i).isWordIn(FK_CLAUSE_WORDS)) {
            boolean notNull = terms.get(i).isWord("not") && i + 1 < terms.size() && terms.get(i + 1).isWord("null");
            boolean nullConstraint = terms.get(i).isWord("null") && !terms.get(i - 1).isWord("set");
            boolean defaultConstraint = terms.get(i).isWord("default") && !terms.get(i - 1).isWord("set");
            if (notNull || nullConstraint || defaultConstraint) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int constraintNameStart(List<SqlTerm> terms, int at) {
        return at >= 2 && terms.get(at - 2).isWord("constraint") ? at - 2 : at;
    }

    private static String cut(String text, List<SqlTerm> terms, int from, int to) {
        int start = terms.get(from).start();
        int end = to < terms.size() ? terms.get(to).start() : text.length();
        return (text.substring(0, start).stripTrailing() + " " + text.substring(end).stripLeading()).strip();
    }

    /** The index of the first bare word {@code word}, or -1. */
    private static int indexOfWord(List<SqlTerm> terms, String word) {
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    private static SqlTerm nextGroup(List<SqlTerm> terms, int from) {
        for (int i = from + 1; from >= 0 && i < terms.size(); i++) {
            if (terms.get(i).kind() == Kind.GROUP) {
                return terms.get(i);
            }
        }
        return null;
    }

    /** A group's text without its parentheses (an unclosed one without its opening parenthesis only). */
    private static String inside(SqlTerm group) {
        String text = group.text();
        return text.substring(1, text.endsWith(")") && text.length() > 1 ? text.length() - 1 : text.length());
    }
}
