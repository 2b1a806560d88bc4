package dev.flotilla.sql;

import dev.flotilla.sql.DdlObject.Kind;
import java.util.List;
import java.util.Locale;

/**
 * The constraints written on one column's definition ({@code company_id bigint REFERENCES companies (id)}, {@code code
 * text UNIQUE}, {@code qty int CHECK (qty > 0)}, each after an optional {@code CONSTRAINT name}), said as their forms
 * written beside the columns are: named ({@code fk_company}, a unique one with its index), else by the table and the
 * column ({@code orders: foreign key (company_id)}, {@code orders: unique (code)}, {@code orders: check}). A part of
 * {@link AlterTableReading}. Not thread-safe: one per column.
 *
 * @param primaryKey whether an unnamed primary key is said too: one added with a column is, a created table's is not
 */
record ColumnConstraints(String table, String column, boolean primaryKey) {

    /** Those written from {@code at}, past the column's name, to the end of its definition. */
    void read(DdlCursor at, List<DdlObject> objects) {
        String named = null;
        while (at.more()) {
            SqlTerm term = at.next();
            if (term.isWord("constraint")) {
                named = at.name();
                continue;
            }
            String words = term.isWord("references") ? "foreign key" : term.isWord("unique") ? "unique"
                    : term.isWord("check") ? "check" : term.isWord("primary") ? "primary key" : null;
            if (words != null) {
                at.skipWord("key");
                said(words, named, objects);
            }
            named = null;
        }
    }

    private void said(String words, String named, List<DdlObject> objects) {
        if (named != null) {
            objects.add(new DdlObject(Kind.CONSTRAINT, false, named).on(table));
            if (words.equals("unique")) {
                objects.add(new DdlObject(Kind.INDEX, false, named).on(table));
            }
        } else if (primaryKey || !words.equals("primary key")) {
            String on = words.equals("check") ? "" : " (" + column.toLowerCase(Locale.ROOT) + ")";
            objects.add(new DdlObject(Kind.CONSTRAINT, false, table + ": " + words + on));
        }
    }
}
