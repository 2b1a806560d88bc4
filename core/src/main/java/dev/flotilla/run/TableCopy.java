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
 * @param columns the INSERT's list of columns, or the names a CREATE gives the query's columns in order ({@code CREATE
 *     TABLE x (a, b) AS SELECT}, PostgreSQL and H2), lower case; empty: none
 * @param items the selected items, each its terms ({@code *} for {@code AS TABLE})
 * @param insert whether it is an INSERT (its columns are the target's own) or a CREATE (named as selected)
 */
record TableCopy(TableName into, TableName from, List<String> columns, List<List<SqlTerm>> items, boolean insert) {
    private static final Set<String> CREATE_WORDS = Set.of("or", "replace", "global", "local", "temp", "temporary",
            "unlogged", "cached", "memory");
    /** What starts a table constraint, not a column, in a CREATE TABLE's list of definitions. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "foreign", "check", "key",
            "index", "exclude", "fulltext", "spatial", "period", "like");

    /**
     * Where a copied tenant column lands.
     *
     * @param column its name in the table filled; null when not known (the caller keeps the name it had)
     * @param doubt why that is a guess, for the finding; null when it is known
     */
    record Landing(String column, String doubt) {
    }

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

    /**
     * The columns a {@code CREATE TABLE name (definitions)} without a query defines, in order, lower case; null when it
     * has no list of definitions or fills the table from a query (its columns are the query's).
     */
    static List<String> defined(SqlText text, List<SqlTerm> terms, int name) {
        int at = TenantColumnDrops.nameAt(terms, name, new ArrayList<>());
        if (at >= terms.size() || terms.get(at).kind() != SqlTerm.Kind.GROUP
                || terms.subList(at + 1, terms.size()).stream().anyMatch(t -> t.isWord("SELECT") || t.isWord("AS"))) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (String definition : text.splitTopLevel(TenantColumnDrops.inside(terms.get(at)))) {
            List<SqlTerm> words = text.terms(definition);
            if (!words.isEmpty() && !(words.get(0).kind() == SqlTerm.Kind.WORD && words.get(0).isWordIn(CONSTRAINT_WORDS))) {
                columns.add(text.firstName(definition));
            }
        }
        return columns;
    }

    /** {@code CREATE ... TABLE into [(...)] [options] [AS] SELECT ... FROM from} or {@code AS TABLE from}, {@code name} at. */
    static Optional<TableCopy> createAs(SqlText text, List<SqlTerm> terms, int name) {
        List<SqlTerm> into = new ArrayList<>();
        int at = TenantColumnDrops.nameAt(terms, name, into);
        // PostgreSQL's and H2's CREATE TABLE x (a, b) AS ...: bare names, the query's columns named by position. MariaDB's
        // list holds definitions (a name and a type), its query's columns keep their own names.
        List<String> named = at < terms.size() && terms.get(at).kind() == SqlTerm.Kind.GROUP
                && text.splitTopLevel(TenantColumnDrops.inside(terms.get(at))).stream().allMatch(n -> text.terms(n).size() == 1)
                ? text.columns(TenantColumnDrops.inside(terms.get(at))) : List.of();
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
                    TenantColumnDrops.tableName(from), named, List.of(text.terms("*")), false));
        }
        return selected(terms, at, TenantColumnDrops.tableName(into), named, false);
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
     * Where the copy puts {@code column} of {@code from} in {@code into}, or null when it copies it nowhere. Its place
     * among the selected values is counted ({@code *} as {@code fromColumns}, the columns of {@code from} in order) and
     * taken to the INSERT's list of columns, or else to {@code intoColumns} (those of {@code into} in order), or to the
     * CREATE's names ({@code CREATE TABLE x (a, b) AS SELECT}); a CREATE without names names it as selected. Where what it
     * needs is not known ({@code null} lists), the landing is a guess and says so.
     */
    Landing carried(SqlText text, String column, List<String> fromColumns, List<String> intoColumns) {
        int position = 0;
        for (List<SqlTerm> item : items) {
            boolean all = !item.isEmpty() && item.get(item.size() - 1).text().equals("*");
            if (all) {
                int at = fromColumns == null ? -1 : indexOf(fromColumns, column);
                if (at >= 0 || fromColumns == null) {
                    return all(column, fromColumns == null ? null : position + at, intoColumns);
                }
                position += fromColumns.size();
            } else if (TenantColumnDrops.mentions(text, item, column)) {
                return one(item, column, position, intoColumns);
            } else {
                position++;
            }
        }
        return null;
    }

    /** The column carried by a {@code *} at {@code position} (null: not known). */
    private Landing all(String column, Integer position, List<String> intoColumns) {
        if (!insert && columns.isEmpty()) {
            return new Landing(column, null);
        }
        return position != null ? at(position, column, intoColumns) : new Landing(null, "where " + column + " lands in "
                + into.table() + " is a guess: the guard does not know the columns of " + from.table() + " there (the down"
                + " files changed it), so cannot count where SELECT * puts it");
    }

    /** The column carried by one selected {@code item} at {@code position}. */
    private Landing one(List<SqlTerm> item, String column, int position, List<String> intoColumns) {
        if (insert || !columns.isEmpty()) {
            return at(position, column, intoColumns);
        }
        SqlTerm last = item.get(item.size() - 1);
        boolean name = last.kind() == SqlTerm.Kind.WORD || last.kind() == SqlTerm.Kind.QUOTED_NAME;
        return name ? new Landing(last.name(), null) : new Landing(column, "the column " + into.table() + " gets from "
                + column + " is a guess: an expression the query does not name (the database names it), taken to be "
                + column);
    }

    /**
     * The column at {@code position}: of the statement's own list, else (an INSERT naming none) of {@code into}'s
     * columns; past the end of a CREATE's names, the column keeps its own.
     */
    private Landing at(int position, String column, List<String> intoColumns) {
        List<String> names = !columns.isEmpty() ? columns : intoColumns;
        if (names == null) {
            return new Landing(null, "where " + column + " lands in " + into.table() + " is a guess: INSERT INTO "
                    + into.table() + " names no columns and the guard does not know " + into.table() + "'s (the down files"
                    + " created or changed it); taken to be its column of that name");
        }
        if (position < names.size()) {
            return new Landing(names.get(position), null);
        }
        return insert ? new Landing(null, "where " + column + " lands in " + into.table() + " is a guess: the INSERT"
                + " selects more values than " + into.table() + " has columns") : new Landing(column, null);
    }

    private static int indexOf(List<String> names, String column) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

}
