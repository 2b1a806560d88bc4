package dev.flotilla.run;

import dev.flotilla.sql.SqlTerm;
import java.util.List;
import java.util.Set;

/**
 * One action of an {@code ALTER TABLE} that renames a column: {@code RENAME [COLUMN] a TO b} (PostgreSQL, SQLite,
 * MariaDB), H2's {@code ALTER [COLUMN] a RENAME TO b}, MariaDB's {@code CHANGE [COLUMN] [IF EXISTS] a b type ...}.
 *
 * @param from the column's name before, unquoted
 * @param to its name after, unquoted
 */
record ColumnRename(String from, String to) {
    private static final Set<String> NOT_A_COLUMN = Set.of("to", "as", "index", "key", "constraint", "column");

    /** The rename one action's {@code words} make, or null when they rename no column. */
    static ColumnRename of(List<SqlTerm> words) {
        if (words.isEmpty()) {
            return null;
        }
        SqlTerm first = words.get(0);
        int at = words.size() > 1 && words.get(1).isWord("COLUMN") ? 2 : 1;
        if (first.isWord("RENAME")) {
            boolean named = at == 2 || words.size() > 1 && !words.get(1).isWordIn(NOT_A_COLUMN);
            return named && words.size() == at + 3 && isName(words.get(at)) && words.get(at + 1).isWord("TO")
                    && isName(words.get(at + 2)) ? new ColumnRename(words.get(at).name(), words.get(at + 2).name()) : null;
        }
        if (first.isWord("ALTER")) {
            return words.size() == at + 4 && isName(words.get(at)) && words.get(at + 1).isWord("RENAME")
                    && words.get(at + 2).isWord("TO") && isName(words.get(at + 3))
                    ? new ColumnRename(words.get(at).name(), words.get(at + 3).name()) : null;
        }
        if (first.isWord("CHANGE")) {
            at += words.size() > at + 1 && words.get(at).isWord("IF") && words.get(at + 1).isWord("EXISTS") ? 2 : 0;
            return words.size() > at + 1 && isName(words.get(at)) && isName(words.get(at + 1))
                    ? new ColumnRename(words.get(at).name(), words.get(at + 1).name()) : null;
        }
        return null;
    }

    private static boolean isName(SqlTerm term) {
        return term.kind() == SqlTerm.Kind.WORD || term.kind() == SqlTerm.Kind.QUOTED_NAME;
    }
}
