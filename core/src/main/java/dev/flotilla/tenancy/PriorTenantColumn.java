package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant column of a table that had it before this adoption (a table adopted by an earlier one, or given
 * the column by hand), which the adoption leaves as it is. Foreign keys of the tables adopted now are widened
 * to it when it holds the same kind of value as the column they get.
 *
 * @param nulls its rows where the column is NULL, counted on the database read when the migration is written
 */
record PriorTenantColumn(Table table, Column column, long nulls) {
    private static final Set<String> TEXT = Set.of("char", "character", "varchar", "varchar2", "nchar", "nvarchar", "text",
            "tinytext", "mediumtext", "longtext", "clob", "string");
    private static final Set<String> NUMBER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "int2",
            "int4", "int8", "numeric", "decimal", "number");

    /** Whether it holds the same kind of value (text, a whole number, a uuid, ...) as a column of {@code type}. */
    boolean sameKind(String type) {
        return kind(column.type()).equals(kind(type));
    }

    /**
     * What the tenant-column check will find wrong with it once the migration is applied, and what a reviewer
     * must know before: the dry run of a copy with the structure alone sees no NULL row. Empty when nothing.
     *
     * @param type the type of the column the other tables get
     */
    List<String> problems(String type) {
        List<String> problems = new ArrayList<>();
        if (!sameKind(type)) {
            problems.add("it is " + column.type() + ", unlike the " + type + " the other tables get");
        }
        if (column.nullable()) {
            problems.add("it is nullable" + (nulls > 0 ? ", and NULL in " + nulls + " row(s) of the database read (a copy of"
                    + " its structure alone shows none)" : " (NULL in no row of the database read)"));
        }
        if (!indexed()) {
            problems.add("no index leads with it");
        }
        return problems;
    }

    /** As the tenant-column check sees it: the primary key or an index leads with the column. */
    private boolean indexed() {
        String name = column.name();
        return !table.primaryKey().isEmpty() && table.sameColumn(table.primaryKey().get(0), name)
                || table.indexes().stream().anyMatch(i -> !i.columns().isEmpty() && table.sameColumn(i.columns().get(0), name));
    }

    /** A type's first word, with the spellings of text and of numbers each taken as one kind. */
    static String kind(String type) {
        String word = type.strip().toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
        return TEXT.contains(word) ? "text" : NUMBER.contains(word) ? "number" : word;
    }
}
