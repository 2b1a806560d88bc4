package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names down scripts give tables as they run, followed statement by statement across the scripts in the order they
 * run, so that a table losing the tenant column under a later name is found in the catalog under the name it has now:
 * {@code ALTER TABLE a RENAME [TO|AS] b} (PostgreSQL, MariaDB, SQLite, H2) and MariaDB's {@code RENAME TABLE a TO b, c TO
 * d}; a table the scripts create, or drop and create again, was not there before them, unless a copy of one that was
 * ({@code INSERT INTO new ... SELECT ... FROM old}, SQLite's rebuild). Names are told apart by their table part in any
 * case. Not thread-safe: one per guard's read of a target.
 */
final class RenamedTables {
    /** By a name in lower case, the table it was before the scripts ran; empty: none (created by them, or gone). */
    private final Map<String, Optional<TableName>> now = new HashMap<>();

    /** The table {@code name} was before the scripts ran, or null when it was not there then. */
    TableName before(TableName name) {
        Optional<TableName> known = now.get(key(name));
        return known == null ? name : known.orElse(null);
    }

    /** Follows one statement ({@code terms} of {@code sql}): a rename, a creation, a copy into a new table, a drop. */
    void follow(SqlText text, String sql, List<SqlTerm> terms) {
        if (terms.size() < 3) {
            return;
        }
        if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("TABLE")) {
            alter(text, sql, terms);
        } else if (terms.get(0).isWord("RENAME") && terms.get(1).isWord("TABLE")) {
            for (String pair : text.splitTopLevel(sql.substring(terms.get(2).start()))) {
                List<SqlTerm> names = text.terms(pair);
                List<SqlTerm> from = new ArrayList<>();
                int at = TenantColumnDrops.nameAt(names, 0, from);
                List<SqlTerm> to = new ArrayList<>();
                if (!from.isEmpty() && at < names.size() && names.get(at).isWord("TO")) {
                    TenantColumnDrops.nameAt(names, at + 1, to);
                    rename(from, to);
                }
            }
        } else if (terms.get(0).isWord("CREATE")) {
            created(terms);
        } else if (terms.get(0).isWord("INSERT") && terms.get(1).isWord("INTO")) {
            copied(terms);
        } else if (terms.get(0).isWord("DROP") && terms.get(1).isWord("TABLE")) {
            int at = 2 + (terms.size() > 3 && terms.get(2).isWord("IF") && terms.get(3).isWord("EXISTS") ? 2 : 0);
            while (at < terms.size()) {
                List<SqlTerm> dropped = new ArrayList<>();
                at = TenantColumnDrops.nameAt(terms, at, dropped);
                if (dropped.isEmpty()) {
                    break;
                }
                now.put(key(TenantColumnDrops.tableName(dropped)), Optional.empty());
                if (at >= terms.size() || !terms.get(at).text().equals(",")) {
                    break;
                }
                at++;
            }
        }
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] a ..., RENAME [TO|AS] b}, not {@code RENAME [COLUMN] x TO y}. */
    private void alter(SqlText text, String sql, List<SqlTerm> terms) {
        int at = 2;
        at += terms.get(at).isWord("IF") && at + 1 < terms.size() && terms.get(at + 1).isWord("EXISTS") ? 2 : 0;
        at += at < terms.size() && terms.get(at).isWord("ONLY") ? 1 : 0;
        List<SqlTerm> table = new ArrayList<>();
        at = TenantColumnDrops.nameAt(terms, at, table);
        if (table.isEmpty() || at >= terms.size()) {
            return;
        }
        for (String action : text.splitTopLevel(sql.substring(terms.get(at).start()))) {
            List<SqlTerm> words = text.terms(action);
            if (words.size() < 2 || !words.get(0).isWord("RENAME")) {
                continue;
            }
            boolean keyword = words.get(1).isWord("TO") || words.get(1).isWord("AS");
            List<SqlTerm> to = new ArrayList<>();
            int end = TenantColumnDrops.nameAt(words, keyword ? 2 : 1, to);
            // Without TO/AS only MariaDB's ALTER TABLE a RENAME b renames the table: PostgreSQL's RENAME x TO y is a column.
            if (!to.isEmpty() && end == words.size() && (keyword || !to.get(0).isWordIn(java.util.Set.of("column",
                    "index", "key", "constraint")))) {
                rename(table, to);
            }
        }
    }

    private void rename(List<SqlTerm> from, List<SqlTerm> to) {
        TableName was = TenantColumnDrops.tableName(from);
        TableName before = before(was);
        now.put(key(was), Optional.empty());
        now.put(key(TenantColumnDrops.tableName(to)), Optional.ofNullable(before));
    }

    /** {@code CREATE [TEMP|TEMPORARY] TABLE t}: not there before; with IF NOT EXISTS, what was there stays. */
    private void created(List<SqlTerm> terms) {
        int at = 1;
        at += terms.get(at).isWord("TEMP") || terms.get(at).isWord("TEMPORARY") ? 1 : 0;
        if (at + 1 >= terms.size() || !terms.get(at).isWord("TABLE") || terms.get(at + 1).isWord("IF")) {
            return;
        }
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, at + 1, name);
        if (!name.isEmpty()) {
            now.put(key(TenantColumnDrops.tableName(name)), Optional.empty());
        }
    }

    /** {@code INSERT INTO new ... SELECT ... FROM old} into a table the scripts created: it holds old's rows now. */
    private void copied(List<SqlTerm> terms) {
        List<SqlTerm> into = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, 2, into);
        if (into.isEmpty() || before(TenantColumnDrops.tableName(into)) != null) {
            return;
        }
        int from = 2;
        while (from < terms.size() && !terms.get(from).isWord("FROM")) {
            from++;
        }
        List<SqlTerm> old = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, from + 1, old);
        if (!old.isEmpty()) {
            now.put(key(TenantColumnDrops.tableName(into)), Optional.ofNullable(before(TenantColumnDrops.tableName(old))));
        }
    }

    private static String key(TableName name) {
        return name.table().toLowerCase(Locale.ROOT);
    }
}
