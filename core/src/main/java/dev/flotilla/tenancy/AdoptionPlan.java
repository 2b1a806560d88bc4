package dev.flotilla.tenancy;

import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an adoption does, decided once for every dialect: which tables get the tenant column, which key each
 * backfill walks, and (when asked) which unique constraints, unique indexes and foreign keys are widened to include the
 * column, with the parent keys those foreign keys then need. A foreign key is widened to a table that gets the
 * column now or had it before (adopted by an earlier run), so that a table added later is adopted like the rest.
 *
 * @param column the tenant column as the catalog will spell it
 * @param tables the tables that get the column, in the snapshot's order
 * @param parentKeys per parent table (one that gets the column, or had it), the column lists that widened foreign
 *     keys reference ({@code column} first) and that no unique key of it covers yet
 * @param notes what was left out, and why
 */
record AdoptionPlan(AdoptionRequest request, String column, List<TableAdoption> tables,
                    Map<String, List<List<String>>> parentKeys, List<String> notes) {

    /**
     * One table that gets the column.
     *
     * @param backfillKey the single-column key the backfill walks in batches; null to backfill in one statement
     * @param uniques the unique constraints to widen
     * @param uniqueIndexes the unique indexes that are no constraint (PostgreSQL's, H2's CREATE UNIQUE INDEX) to widen
     * @param foreignKeys the foreign keys to widen
     */
    record TableAdoption(Table table, String backfillKey, List<Unique> uniques, List<Index> uniqueIndexes,
                         List<ForeignKey> foreignKeys) {
        String name() {
            return table.name();
        }
    }

    /**
     * @param type the type of the column the tables get
     * @param clearsChosenColumns whether the database can say which columns ON DELETE SET NULL clears
     *     (PostgreSQL 15), so that a widened foreign key with that rule leaves the tenant column alone
     * @param rows counts the rows of the target read, for what its structure alone does not tell
     * @param names how the target reads the excluded names ({@link ConfiguredNames})
     */
    static AdoptionPlan of(SchemaSnapshot snapshot, AdoptionRequest request, String column, String type,
                           boolean clearsChosenColumns, TargetRows rows, ConfiguredNames names) throws SQLException {
        return new AdoptionPlanner(snapshot, request, column, type, clearsChosenColumns, rows, names).plan();
    }

    static List<String> withColumn(String column, List<String> columns) {
        List<String> key = new ArrayList<>();
        key.add(column);
        key.addAll(columns);
        return List.copyOf(key);
    }

    List<String> tableNames() {
        return tables.stream().map(TableAdoption::name).toList();
    }

    List<List<String>> parentKeysOf(String table) {
        return parentKeys.getOrDefault(table, List.of());
    }

    /** Whether {@code table} gets the column in this plan (a parent key can be on a table that had it before). */
    boolean adopts(String table) {
        return tables.stream().anyMatch(t -> t.name().equalsIgnoreCase(table));
    }
}
