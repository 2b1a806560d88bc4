package dev.flotilla.sql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a catalog query read whose names a statement may write in any case ({@link MariaDbTableColumns}, {@link
 * H2TableColumns}), by lower-case name: two whose names differ in case alone ({@code Companies} and {@code companies})
 * are told as not known, which one a statement means not being read. Not thread-safe: one per query.
 */
final class CaseFoldedTables {
    private final Map<String, CatalogTable.Rows> found = new HashMap<>();
    private final Map<String, String> spelled = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();

    /** The rows read so far of {@code table}, as the catalog names it. */
    CatalogTable.Rows of(String table) {
        String key = table.toLowerCase(Locale.ROOT);
        if (!table.equals(spelled.computeIfAbsent(key, k -> table))) {
            ambiguous.add(key);
        }
        return found.computeIfAbsent(key, t -> new CatalogTable.Rows());
    }

    /**
     * What was read: the keys of the tables {@code indexed} names (the others' not known), the schema's default {@code
     * collation} (MariaDB's; null where none) and the {@code server}'s defaults.
     */
    SchemaTables tables(Set<String> indexed, String collation, ServerDefaults server) {
        Map<String, CatalogTable> read = new HashMap<>();
        found.forEach((table, rows) -> {
            if (!indexed.contains(table)) {
                rows.keysNotRead();
            }
            read.put(table, ambiguous.contains(table) ? null : rows.table());
        });
        return new SchemaTables(read, collation, server);
    }
}
