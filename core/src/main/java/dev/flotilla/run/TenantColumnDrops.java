package dev.flotilla.run;

import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables one down script takes a tenant column from, read with the dialect's lexer ({@link SqlText#terms}) so that a
 * name is read as the database reads it: quoted with spaces or dots ({@code "order items"}, {@code "a.b"}), qualified
 * with a schema ({@code app."order items"}), in any case. Two ways lose the column: {@code ALTER TABLE t DROP [COLUMN]
 * [IF EXISTS] column} (H2's {@code DROP COLUMN (a, b)} too), and SQLite's rebuild ({@link SqlText#rebuilds}) whose
 * {@code INSERT INTO new ... SELECT ... FROM old} copies the column nowhere; and a copy of a table's rows leaving the
 * column out ({@code CREATE TABLE new AS SELECT ...}, an {@code INSERT ... SELECT} into a table) once no table holds them
 * with it any more ({@code DROP TABLE old}; {@link RenamedTables#merged}). A table renamed first (in the same script or
 * an earlier one) is named as it was before the scripts ran, and a column renamed first is the tenant column under its
 * new name ({@link RenamedTables}). Stateless.
 */
final class TenantColumnDrops {
    private TenantColumnDrops() {
    }

    /**
     * A table as a statement names it, unquoted.
     *
     * @param schema the schema it is qualified with, or null
     * @param schemaQuoted whether the schema was written quoted (kept as written) or bare (folded by the database)
     * @param table the table's own name (a dot inside quotes is part of it)
     * @param tableQuoted whether the table's name was written quoted
     */
    record TableName(String schema, boolean schemaQuoted, String table, boolean tableQuoted) {
    }

    /**
     * The tables {@code normalized} (one script's statements, {@link SqlText#normalize}d) take the tenant column from, each
     * named as it was before the first script ran: {@code renamed} follows the scripts' renames of tables and of the
     * column, script after script.
     */
    static Set<TableName> in(SqlText text, List<String> normalized, RenamedTables renamed) {
        Set<TableName> tables = new LinkedHashSet<>();
        Set<String> rebuilt = text.rebuilds(normalized).stream().map(SqlText.Rebuild::table).collect(Collectors.toSet());
        for (String sql : normalized) {
            List<SqlTerm> terms = text.terms(sql);
            TableName losing = droppingColumn(text, terms, sql, renamed);
            losing = losing != null ? losing : rebuiltWithout(text, normalized, terms, rebuilt, renamed);
            if (losing != null) {
                tables.addAll(renamed.before(losing));
            }
            renamed.follow(text, sql, terms);
            tables.addAll(renamed.merged());
        }
        return tables;
    }

    /**
     * The table of an {@code ALTER TABLE [IF EXISTS] [ONLY] t ...} one of whose actions drops its tenant column (under the
     * name it has now), or null.
     */
    private static TableName droppingColumn(SqlText text, List<SqlTerm> terms, String sql, RenamedTables renamed) {
        if (terms.size() < 3 || !terms.get(0).isWord("ALTER") || !terms.get(1).isWord("TABLE")) {
            return null;
        }
        int at = 2;
        at += terms.get(at).isWord("IF") && at + 1 < terms.size() && terms.get(at + 1).isWord("EXISTS") ? 2 : 0;
        at += at < terms.size() && terms.get(at).isWord("ONLY") ? 1 : 0;
        List<SqlTerm> parts = new ArrayList<>();
        at = nameAt(terms, at, parts);
        if (parts.isEmpty() || at >= terms.size()) {
            return null;
        }
        TableName table = tableName(parts);
        String column = renamed.column(table);
        for (String action : text.splitTopLevel(sql.substring(terms.get(at).start()))) {
            List<SqlTerm> words = text.terms(action);
            ColumnRename rename = ColumnRename.of(words);
            if (column != null && rename != null && rename.from().equalsIgnoreCase(column)) {
                column = rename.to();
            } else if (column != null && dropsColumn(text, words, column)) {
                return table;
            }
        }
        return null;
    }

    /** Whether one action is {@code DROP [COLUMN] [IF EXISTS] column}, or {@code DROP COLUMN (.., column, ..)}. */
    static boolean dropsColumn(SqlText text, List<SqlTerm> action, String column) {
        if (action.isEmpty() || !action.get(0).isWord("DROP")) {
            return false;
        }
        int at = 1;
        at += at < action.size() && action.get(at).isWord("COLUMN") ? 1 : 0;
        at += at + 1 < action.size() && action.get(at).isWord("IF") && action.get(at + 1).isWord("EXISTS") ? 2 : 0;
        if (at >= action.size()) {
            return false;
        }
        SqlTerm named = action.get(at);
        if (named.kind() == SqlTerm.Kind.GROUP) {
            return text.columns(inside(named)).contains(column.toLowerCase(Locale.ROOT));
        }
        return isName(named) && named.name().equalsIgnoreCase(column);
    }

    /**
     * The old table of one of the script's rebuilds ({@code rebuilt}) whose copy ({@code terms}) leaves the column out, or
     * null: its {@code INSERT INTO new [(...)] SELECT ... FROM old} names it neither in the list of columns nor among what
     * it selects, and selects {@code *} only into a new table created without it.
     */
    private static TableName rebuiltWithout(SqlText text, List<String> normalized, List<SqlTerm> terms, Set<String> rebuilt,
                                            RenamedTables renamed) {
        if (rebuilt.isEmpty() || terms.size() < 3 || !terms.get(0).isWord("INSERT") || !terms.get(1).isWord("INTO")) {
            return null;
        }
        List<SqlTerm> created = new ArrayList<>();
        int at = nameAt(terms, 2, created);
        SqlTerm columns = at < terms.size() && terms.get(at).kind() == SqlTerm.Kind.GROUP ? terms.get(at++) : null;
        if (created.isEmpty() || at >= terms.size() || !terms.get(at).isWord("SELECT")) {
            return null;
        }
        int from = at + 1;
        while (from < terms.size() && !terms.get(from).isWord("FROM")) {
            from++;
        }
        List<SqlTerm> old = new ArrayList<>();
        nameAt(terms, from + 1, old);
        if (old.isEmpty() || !rebuilt.contains(old.get(old.size() - 1).name().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String column = renamed.column(tableName(old));
        if (column == null) {
            return null;
        }
        List<SqlTerm> selected = terms.subList(at + 1, from);
        boolean copied = columns != null && text.columns(inside(columns)).contains(column.toLowerCase(Locale.ROOT))
                || mentions(text, selected, column)
                || selected.size() == 1 && selected.get(0).text().equals("*") && createdWith(text, normalized,
                created.get(created.size() - 1).name(), column);
        return copied ? null : tableName(old);
    }

    /**
     * Whether the script creates {@code table} with the column ({@code CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT
     * EXISTS] table (...)}).
     */
    private static boolean createdWith(SqlText text, List<String> normalized, String table, String column) {
        for (String sql : normalized) {
            List<SqlTerm> terms = text.terms(sql);
            int at = TableCopy.createdNameAt(terms);
            if (at < 0) {
                continue;
            }
            at += at + 2 < terms.size() && terms.get(at).isWord("IF") && terms.get(at + 1).isWord("NOT") ? 3 : 0;
            List<SqlTerm> name = new ArrayList<>();
            at = nameAt(terms, at, name);
            if (!name.isEmpty() && name.get(name.size() - 1).name().equalsIgnoreCase(table) && at < terms.size()
                    && terms.get(at).kind() == SqlTerm.Kind.GROUP) {
                return text.columns(inside(terms.get(at))).contains(column.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** Whether {@code terms} name the column anywhere, inside parentheses too ({@code coalesce(tenant_id, 0)}). */
    static boolean mentions(SqlText text, List<SqlTerm> terms, String column) {
        for (SqlTerm term : terms) {
            if (isName(term) && term.name().equalsIgnoreCase(column)
                    || term.kind() == SqlTerm.Kind.GROUP && mentions(text, text.terms(inside(term)), column)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a dotted name's parts from {@code at} into {@code parts}; the index after it. */
    static int nameAt(List<SqlTerm> terms, int at, List<SqlTerm> parts) {
        while (at < terms.size() && isName(terms.get(at))) {
            parts.add(terms.get(at++));
            if (at + 1 < terms.size() && terms.get(at).text().equals(".") && isName(terms.get(at + 1))) {
                at++;
            } else {
                break;
            }
        }
        return at;
    }

    /** A bare word or a quoted name (SQLite and MySQL take a string where a name belongs). */
    private static boolean isName(SqlTerm term) {
        return term.kind() == SqlTerm.Kind.WORD || term.kind() == SqlTerm.Kind.QUOTED_NAME
                || term.kind() == SqlTerm.Kind.LITERAL && term.text().startsWith("'");
    }

    static TableName tableName(List<SqlTerm> parts) {
        SqlTerm table = parts.get(parts.size() - 1);
        SqlTerm schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        return new TableName(schema == null ? null : schema.name(), schema != null && schema.kind() != SqlTerm.Kind.WORD,
                table.name(), table.kind() != SqlTerm.Kind.WORD);
    }

    /** A parenthesised group's text without its parentheses. */
    static String inside(SqlTerm group) {
        String text = group.text();
        return text.substring(1, text.endsWith(")") ? text.length() - 1 : text.length());
    }
}
