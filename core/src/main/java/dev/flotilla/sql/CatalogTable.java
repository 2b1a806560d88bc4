package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One table (or view) as the catalog holds it, what a foreign key the pending migrations add is checked against
 * ({@link SchemaCatalog#tableColumns}): its columns' types, the keys a foreign key may reference, and, on MariaDB, its
 * indexes, collations and engine. Names are lower-case. Immutable.
 *
 * @param types its columns' types by column, as the catalog writes them ({@code bigint(20) unsigned}, {@code integer})
 * @param collations its character columns' collations by column (MariaDB's {@code latin1_bin}); empty where not read
 * @param primaryKey its primary key's columns in order; empty when it has none; null where its keys were not read
 * @param uniqueKeys the column sets of its primary key, unique constraints and unique indexes a foreign key may reference
 *                   (PostgreSQL: immediate, valid, neither partial nor on an expression; INCLUDE columns left out); null
 *                   where its keys were not read
 * @param indexes every index's columns in order (MariaDB), a prefix part written with its length ({@code name(10)}); null
 *                where its keys were not read
 * @param engine its storage engine (MariaDB's {@code InnoDB}, lower-case), or null where there is none or not read
 * @param collation its default collation (MariaDB's table collation), or null where there is none or not read
 * @param notTable what it is where it is no table, which no foreign key may reference ({@code view}, {@code materialized
 *                 view}, {@code foreign table}); null for a table (a partitioned one too) or where not read
 */
public record CatalogTable(Map<String, String> types, Map<String, String> collations, List<String> primaryKey,
                           List<List<String>> uniqueKeys, List<List<String>> indexes, String engine, String collation,
                           String notTable) {
    public CatalogTable {
        types = Collections.unmodifiableMap(new HashMap<>(types));
        collations = Map.copyOf(collations);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys == null ? null : uniqueKeys.stream().map(List::copyOf).toList();
        indexes = indexes == null ? null : indexes.stream().map(List::copyOf).toList();
    }

    /** A table's rows read one by one (its columns, then its keys), made into a {@link CatalogTable} at the end. */
    static final class Rows {
        private final Map<String, String> types = new HashMap<>();
        private final Map<String, String> collations = new HashMap<>();
        private List<String> primaryKey = List.of();
        private final List<List<String>> uniqueKeys = new ArrayList<>();
        /** By index name, its columns in order. */
        private final Map<String, List<String>> indexes = new java.util.LinkedHashMap<>();
        private final java.util.Set<String> uniqueIndexes = new java.util.HashSet<>();
        private String engine;
        private String collation;
        private boolean keysRead = true;
        private String notTable;

        void column(String name, String type, String columnCollation) {
            types.put(name, type);
            if (columnCollation != null) {
                collations.put(name, columnCollation);
            }
        }

        void uniqueKey(List<String> columns, boolean primary) {
            uniqueKeys.add(columns);
            primaryKey = primary ? columns : primaryKey;
        }

        /** The next column of index {@code name}, read in the index's order (MariaDB's {@code PRIMARY}: the primary key). */
        void indexColumn(String name, String column, boolean unique) {
            indexes.computeIfAbsent(name, n -> new ArrayList<>()).add(column);
            if (unique) {
                uniqueIndexes.add(name);
            }
        }

        void table(String tableEngine, String tableCollation) {
            engine = tableEngine;
            collation = tableCollation;
        }

        /** Its keys and indexes were not asked for: not known, rather than none. */
        void keysNotRead() {
            keysRead = false;
        }

        /** What it is where it is no table ({@code view}); null for a table. */
        void notTable(String kind) {
            notTable = kind;
        }

        CatalogTable table() {
            if (!keysRead) {
                return new CatalogTable(types, collations, null, null, null, engine, collation, notTable);
            }
            uniqueIndexes.forEach(name -> uniqueKey(indexes.get(name), name.equals("PRIMARY")));
            uniqueIndexes.clear();
            return new CatalogTable(types, collations, primaryKey, uniqueKeys, new ArrayList<>(indexes.values()), engine,
                    collation, notTable);
        }
    }
}
