package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The names down scripts give tables and their tenant column as they run, followed statement by statement across the
 * scripts in the order they run, so that a table losing the tenant column under later names is found in the catalog under
 * the names it has now. Tables: {@code ALTER TABLE a RENAME [TO|AS] b}, MariaDB's {@code RENAME TABLE a TO b, c TO d} and
 * PostgreSQL's {@code ALTER TABLE a SET SCHEMA other} (moved, rows and all, to {@code other.a});
 * a table the scripts create ({@code CREATE TABLE}, MariaDB's {@code CREATE OR REPLACE TABLE}, which drops the one there
 * with its rows), or drop and create again, was not there before them, unless filled from one that was ({@code INSERT
 * INTO new ... SELECT ... FROM old}, SQLite's rebuild, {@code CREATE TABLE new AS SELECT ... FROM old}) with the tenant
 * column: then it holds that one's rows; {@code CREATE TABLE IF NOT EXISTS} leaves a table that is there as it is. The
 * column: {@code RENAME [COLUMN] a TO b} (PostgreSQL, SQLite, MariaDB), H2's {@code ALTER COLUMN a RENAME TO b} and
 * MariaDB's {@code CHANGE [COLUMN] a b ...}. Names are told apart as the database does ({@link TableIdentity}).
 * Not thread-safe: one per guard's read of a target.
 */
final class RenamedTables {
    /**
     * What a name holds now: the tables, as named before the scripts ran, whose rows it holds; its tenant column's name;
     * the tables whose rows it holds without their tenant (copied leaving the column out); its columns in order (lower
     * case), null when not known.
     */
    private record Held(Set<TableName> tables, String column, Set<TableName> mixed, List<String> columns) {
    }

    private final TableIdentity identity;
    private final String column;
    /** The columns, in order, of a table as it is before the scripts run; null when not known. */
    private final Function<TableName, List<String>> catalog;
    /** By {@link TableIdentity#key}: what the name holds, when the scripts changed it. */
    private final Map<String, Held> now = new HashMap<>();
    /** Per table as named before the scripts ran: why where its tenant column was copied to is a guess. */
    private final Map<TableName, String> doubts = new LinkedHashMap<>();

    RenamedTables(TableIdentity identity, String column) {
        this(identity, column, name -> null);
    }

    RenamedTables(TableIdentity identity, String column, Function<TableName, List<String>> catalog) {
        this.identity = identity;
        this.column = column;
        this.catalog = catalog;
    }

    /** Why where the tenant column of {@code table} (as named before the scripts ran) was copied is a guess, or null. */
    String doubt(TableName table) {
        return doubts.get(table);
    }

    /** Why where the tenant column was copied is a guess, per table as named before the scripts ran; empty: known. */
    Map<TableName, String> doubts() {
        return java.util.Collections.unmodifiableMap(doubts);
    }

    /** The tables whose rows {@code name} holds now, each named as it was before the scripts ran; empty: none. */
    Set<TableName> before(TableName name) {
        return held(name).tables();
    }

    /** The name of the tenant column of the table {@code name} now, or null when it has none (dropped, or a new table). */
    String column(TableName name) {
        return held(name).column();
    }

    private Held held(TableName name) {
        Held known = now.get(identity.key(name));
        return known != null ? known : new Held(Set.of(name), column, Set.of(), catalog.apply(name));
    }

    /** What {@code name} holds now, its columns no longer known (an ALTER changed them). */
    private void put(TableName name, Set<TableName> tables, String tenantColumn) {
        put(name, tables, tenantColumn, held(name).mixed(), null);
    }

    private void put(TableName name, Set<TableName> tables, String tenantColumn, Set<TableName> mixed, List<String> columns) {
        now.put(identity.key(name), new Held(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tables)), tenantColumn,
                java.util.Collections.unmodifiableSet(new LinkedHashSet<>(mixed)),
                columns == null ? null : List.copyOf(columns)));
    }

    /**
     * The tables, as named before the scripts ran, whose rows are now held only without their tenant: copied into a table
     * leaving the tenant column out ({@code CREATE TABLE new AS SELECT ...} without it), or kept where the column was
     * dropped, while no table holds them with it any more (the table was dropped, or lost the column).
     */
    Set<TableName> merged() {
        Set<String> kept = new java.util.HashSet<>();
        Set<TableName> without = new LinkedHashSet<>();
        for (Held held : now.values()) {
            without.addAll(held.mixed());
            if (held.column() == null) {
                without.addAll(held.tables());
            } else {
                held.tables().forEach(t -> kept.add(identity.key(t)));
            }
        }
        Set<TableName> merged = new LinkedHashSet<>();
        for (TableName table : without) {
            String key = identity.key(table);
            if (now.containsKey(key) && !kept.contains(key)) {
                merged.add(table);
            }
        }
        return merged;
    }

    /** Follows one statement ({@code terms} of {@code sql}): a rename, a creation, a copy into a table, a drop. */
    void follow(SqlText text, String sql, List<SqlTerm> terms) {
        if (terms.size() < 3) {
            return;
        }
        if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("TABLE")) {
            alter(text, sql, terms);
        } else if (terms.get(0).isWord("RENAME") && terms.get(1).isWord("TABLE")) {
            int at = terms.get(2).isWord("IF") && terms.size() > 4 && terms.get(3).isWord("EXISTS") ? 4 : 2;
            for (String pair : text.splitTopLevel(sql.substring(terms.get(at).start()))) {
                List<SqlTerm> names = text.terms(pair);
                List<SqlTerm> from = new ArrayList<>();
                int end = TenantColumnDrops.nameAt(names, 0, from);
                List<SqlTerm> to = new ArrayList<>();
                if (!from.isEmpty() && end < names.size() && names.get(end).isWord("TO")) {
                    TenantColumnDrops.nameAt(names, end + 1, to);
                    renameTable(TenantColumnDrops.tableName(from), to);
                }
            }
        } else if (terms.get(0).isWord("CREATE")) {
            created(text, terms);
        } else if (terms.get(0).isWord("INSERT") && terms.get(1).isWord("INTO")) {
            TableCopy.insert(text, terms).ifPresent(copy -> copied(text, copy, true));
        } else if (terms.get(0).isWord("DROP") && terms.get(1).isWord("TABLE")) {
            int at = 2 + (terms.size() > 3 && terms.get(2).isWord("IF") && terms.get(3).isWord("EXISTS") ? 2 : 0);
            while (at < terms.size()) {
                List<SqlTerm> dropped = new ArrayList<>();
                at = TenantColumnDrops.nameAt(terms, at, dropped);
                if (dropped.isEmpty()) {
                    break;
                }
                put(TenantColumnDrops.tableName(dropped), Set.of(), column, Set.of(), null);
                if (at >= terms.size() || !terms.get(at).text().equals(",")) {
                    break;
                }
                at++;
            }
        }
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] a ..., RENAME [TO|AS] b}, a column's rename, a drop of the tenant column. */
    private void alter(SqlText text, String sql, List<SqlTerm> terms) {
        int at = 2;
        at += terms.get(at).isWord("IF") && at + 1 < terms.size() && terms.get(at + 1).isWord("EXISTS") ? 2 : 0;
        at += at < terms.size() && terms.get(at).isWord("ONLY") ? 1 : 0;
        List<SqlTerm> parts = new ArrayList<>();
        at = TenantColumnDrops.nameAt(terms, at, parts);
        if (parts.isEmpty() || at >= terms.size()) {
            return;
        }
        TableName table = TenantColumnDrops.tableName(parts);
        for (String action : text.splitTopLevel(sql.substring(terms.get(at).start()))) {
            List<SqlTerm> words = text.terms(action);
            String tenantColumn = column(table);
            ColumnRename rename = ColumnRename.of(words);
            if (rename != null) {
                put(table, before(table), tenantColumn != null && rename.from().equalsIgnoreCase(tenantColumn) ? rename.to()
                        : tenantColumn);
            } else if (words.size() == 3 && words.get(0).isWord("SET") && words.get(1).isWord("SCHEMA")) {
                // PostgreSQL's SET SCHEMA moves it, with its rows, under the same name: a rename into that schema.
                SqlTerm schema = words.get(2);
                table = moveTable(table, new TableName(schema.name(), schema.kind() != SqlTerm.Kind.WORD, table.table(),
                        table.tableQuoted()));
            } else if (tenantColumn != null && TenantColumnDrops.dropsColumn(text, words, tenantColumn)) {
                put(table, before(table), null);
            } else if (words.size() >= 2 && words.get(0).isWord("RENAME")) {
                boolean keyword = words.get(1).isWord("TO") || words.get(1).isWord("AS");
                List<SqlTerm> to = new ArrayList<>();
                int end = TenantColumnDrops.nameAt(words, keyword ? 2 : 1, to);
                // Without TO/AS only MariaDB's ALTER TABLE a RENAME b renames the table.
                if (!to.isEmpty() && end == words.size() && (keyword || !to.get(0).isWordIn(Set.of("column", "index", "key",
                        "constraint")))) {
                    table = renameTable(table, to);
                } else {
                    put(table, before(table), tenantColumn);
                }
            } else {
                // Another action (ADD, DROP or CHANGE of a column...): its columns are no longer known in order.
                put(table, before(table), tenantColumn);
            }
        }
    }

    /** Moves what {@code from} holds to the name {@code to} gives it; the table's name after the rename. */
    private TableName renameTable(TableName from, List<SqlTerm> to) {
        return moveTable(from, identity.renamedTo(from, TenantColumnDrops.tableName(to)));
    }

    /** Moves what {@code from} holds to {@code moved}; {@code moved}. */
    private TableName moveTable(TableName from, TableName moved) {
        Held was = held(from);
        put(from, Set.of(), column, Set.of(), null);
        put(moved, was.tables(), was.column(), was.mixed(), was.columns());
        return moved;
    }

    /**
     * {@code CREATE [OR REPLACE] [TEMPORARY|...] TABLE t}: a new table, empty or filled by its query; with IF NOT EXISTS
     * what is there stays.
     */
    private void created(SqlText text, List<SqlTerm> terms) {
        int at = TableCopy.createdNameAt(terms);
        if (at < 0 || terms.get(at).isWord("IF")) {
            return;
        }
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, at, name);
        if (name.isEmpty()) {
            return;
        }
        TableName table = TenantColumnDrops.tableName(name);
        put(table, Set.of(), column, Set.of(), TableCopy.defined(text, terms, at));
        TableCopy.createAs(text, terms, at).ifPresent(copy -> copied(text, copy, false));
    }

    /**
     * A copy of {@code copy.from()}'s rows into {@code copy.into()}: with the tenant column, it holds them too; without it,
     * it holds them mixed, nothing telling whose a row is. {@code added}: into a table that was there (an INSERT), whose
     * rows stay; else a table the statement creates.
     */
    private void copied(SqlText text, TableCopy copy, boolean added) {
        Held from = held(copy.from());
        Held into = held(copy.into());
        TableCopy.Landing carried = from.column() == null ? null
                : copy.carried(text, from.column(), from.columns(), added ? into.columns() : null);
        Set<TableName> tables = new LinkedHashSet<>(added ? into.tables() : Set.of());
        Set<TableName> mixed = new LinkedHashSet<>(added ? into.mixed() : Set.of());
        mixed.addAll(from.mixed());
        // A table a query creates has the query's columns: not known in order here.
        List<String> columns = added ? into.columns() : null;
        if (carried == null) {
            mixed.addAll(from.tables());
            put(copy.into(), tables, added ? into.column() : null, mixed, columns);
            return;
        }
        if (carried.doubt() != null) {
            from.tables().forEach(t -> doubts.putIfAbsent(t, carried.doubt()));
        }
        tables.addAll(from.tables());
        String landed = carried.column() != null ? carried.column() : into.column() != null ? into.column() : from.column();
        put(copy.into(), tables, landed, mixed, columns);
    }
}
