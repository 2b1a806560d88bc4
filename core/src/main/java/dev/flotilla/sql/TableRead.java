package dev.flotilla.sql;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a foreign-key check asks of one schema's catalog ({@link SchemaCatalog#tableColumns}): each part read only where
 * a key compares it, as MariaDB's information_schema answers each part slowly. Names are lower-case. Immutable.
 *
 * @param tables the tables whose columns are read
 * @param indexed those of {@code tables} whose keys and indexes are read (MariaDB); the others' are not known
 * @param described those of {@code tables} whose engine and default collation are read (MariaDB); the others' are not
 *                  known
 * @param charsets the character sets a statement names without a collation, whose default collations are read (MariaDB)
 */
public record TableRead(Set<String> tables, Set<String> indexed, Set<String> described, Set<String> charsets) {
    public TableRead {
        tables = Set.copyOf(new LinkedHashSet<>(tables));
        indexed = Set.copyOf(indexed);
        described = Set.copyOf(described);
        charsets = Set.copyOf(charsets);
        if (!tables.containsAll(indexed) || !tables.containsAll(described)) {
            throw new IllegalArgumentException("a table's keys or engine read without its columns: " + indexed + ", "
                    + described + " of " + tables);
        }
    }

    /** Everything of {@code tables}: their columns, keys, engines and collations. */
    public static TableRead all(Collection<String> tables) {
        Set<String> named = new LinkedHashSet<>(tables);
        return new TableRead(named, named, named, Set.of());
    }
}
