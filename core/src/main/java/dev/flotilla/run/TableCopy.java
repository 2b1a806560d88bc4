package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A statement that fills one table with another's rows: {@code INSERT INTO into [(columns)] SELECT items FROM from}, or
 * {@code CREATE TABLE into [(...)] [AS] SELECT items FROM from} (PostgreSQL's {@code AS TABLE from} too), read from its
 * terms.
 *
 * @param into the table filled
 * @param from the table read
 * @param columns the INSERT's list of columns, lower case (empty: none, or a CREATE)
 * @param items the selected items, each its terms ({@code *} for {@code AS TABLE})
 * @param insert whether it is an INSERT (its columns are the target's own) or a CREATE (named as selected)
 */
record TableCopy(TableName into, TableName from, List<String> columns, List<List<SqlTerm>> items, boolean insert) {
    private static final Set<String> CREATE_WORDS = Set.of("or", "replace", "global", "local", "temp", "temporary",
            "unlogged", "cached", "memory");

    /** {@code INSERT INTO into [(...)] SELECT ... FROM from}. */
    static Optional<TableCopy> insert(SqlText text, List<SqlTerm> terms) {
        List<SqlTerm> into = new ArrayList<>();
        int at = TenantColumnDrops.nameAt(terms, 2, into);
        List<String> columns = List.of();
        if (at < terms.size() && terms.get(at).kind() == SqlTerm.Kind.GROUP) {
            columns = text.columns(TenantColumnDrops.inside(terms.get(at++)));
        }
        if (into.isEmpty() || at >= terms.size() || !terms.get(at).isWord("SELECT")) {
            return Optional.empty();
        }
        return selected(terms, at, TenantColumnDrops.tableName(into), columns, true);
    }

    /**
     * The index of the name in {@code CREATE [OR REPLACE] [TEMPORARY|...] TABLE [IF NOT EXISTS] name} (of IF when it is
     * there), or -1 for a statement that creates no table.
     */
    static int createdNameAt(List<SqlTerm> terms) {
        int at = 1;
        while (at < terms.size() && terms.get(at).isWordIn(CREATE_WORDS)) {
            at++;
        }
        return terms.isEmpty() || !terms.get(0).isWord("CREATE") || at + 1 >= terms.size() || !terms.get(at).isWord("TABLE")
                ? -1 : at + 1;
    }

    /** {@code CREATE ... TABLE into [(...)] [options] [AS] SELECT ... FROM from} or {@code AS TABLE from}, {@code name} at. */
    static Optional<TableCopy> createAs(SqlText text, List<SqlTerm> terms, int name) {
        List<SqlTerm> into = new ArrayList<>();
        int at = TenantColumnDrops.nameAt(terms, name, into);
        while (at < terms.size() && !terms.get(at).isWord("SELECT") && !terms.get(at).isWord("LIKE")
                && !(terms.get(at).isWord("AS") && at + 1 < terms.size() && terms.get(at + 1).isWord("TABLE"))) {
            at++;
        }
        if (into.isEmpty() || at >= terms.size() || terms.get(at).isWord("LIKE")) {
            return Optional.empty();
        }
        if (terms.get(at).isWord("AS")) {
            List<SqlTerm> from = new ArrayList<>();
            TenantColumnDrops.nameAt(terms, at + 2, from);
            return from.isEmpty() ? Optional.empty() : Optional.of(new TableCopy(TenantColumnDrops.tableName(into),
                    TenantColumnDrops.tableName(from), List.of(), List.of(text.terms("*")), false));
        }
        return selected(terms, at, TenantColumnDrops.tableName(into), List.of(), false);
    }

    /** The copy whose {@code SELECT} is at {@code select}: its items, and the table after its FROM. */
    private static Optional<TableCopy> selected(List<SqlTerm> terms, int select, TableName into, List<String> columns,
                                                boolean insert) {
        int from = select + 1;
        while (from < terms.size() && !terms.get(from).isWord("FROM")) {
            from++;
        }
        List<SqlTerm> old = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, from + 1, old);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        List<List<SqlTerm>> items = new ArrayList<>();
        List<SqlTerm> item = new ArrayList<>();
        for (SqlTerm term : terms.subList(select + 1, from)) {
            if (term.kind() == SqlTerm.Kind.SYMBOL && term.text().equals(",")) {
                items.add(item);
                item = new ArrayList<>();
            } else {
                item.add(term);
            }
        }
        items.add(item);
        return Optional.of(new TableCopy(into, TenantColumnDrops.tableName(old), columns, items, insert));
    }

    /**
     * The name the copy gives {@code column} of {@code from} in {@code into}: null when it copies it nowhere; "" when it
     * lands in a column of {@code into} the statement does not name ({@code INSERT INTO into SELECT ...}).
     */
    String carried(SqlText text, String column) {
        for (int i = 0; i < items.size(); i++) {
            List<SqlTerm> item = items.get(i);
            boolean all = !item.isEmpty() && item.get(item.size() - 1).text().equals("*");
            if (!all && !TenantColumnDrops.mentions(text, item, column)) {
                continue;
            }
            if (insert) {
                return all || i >= columns.size() ? "" : columns.get(i);
            }
            return all ? column : alias(item, column);
        }
        return null;
    }

    /**
     * The name a selected item takes: its alias ({@code x AS a}, {@code x a}) or its column's ({@code t.tenant_id}), the
     * last name it ends with; an expression ending otherwise, the column's name (a guess: the database makes one up).
     */
    private static String alias(List<SqlTerm> item, String column) {
        SqlTerm last = item.get(item.size() - 1);
        return last.kind() == SqlTerm.Kind.WORD || last.kind() == SqlTerm.Kind.QUOTED_NAME ? last.name() : column;
    }
}
