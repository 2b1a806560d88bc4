package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant column of a table that had it before this adoption (a table adopted by an earlier one, or given
 * the column by hand), which the adoption leaves as it is. Foreign keys of the tables adopted now are widened
 * to it when it holds the same kind of value as the column they get.
 */
record PriorTenantColumn(Table table, Column column) {
    private static final Set<String> TEXT = Set.of("char", "character", "varchar", "varchar2", "nchar", "nvarchar", "text",
            "tinytext", "mediumtext", "longtext", "clob", "string");
    private static final Set<String> NUMBER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "int2",
            "int4", "int8", "numeric", "decimal", "number");

    /** Whether it holds the same kind of value (text, a whole number, a uuid, ...) as a column of {@code type}. */
    boolean sameKind(String type) {
        return kind(column.type()).equals(kind(type));
    }

    /** A type's first word, with the spellings of text and of numbers each taken as one kind. */
    static String kind(String type) {
        String word = type.strip().toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
        return TEXT.contains(word) ? "text" : NUMBER.contains(word) ? "number" : word;
    }
}
