package dev.flotilla.tenancy;

import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import dev.flotilla.sql.Identifiers;
import dev.flotilla.tenancy.AdoptionPlan.TableAdoption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The steps that decide one {@link AdoptionPlan}, and the notes they leave for the reviewer: which tables get the column,
 * which foreign keys, unique constraints and unique indexes are widened (and why not), and the parent keys those
 * foreign keys need. One planner per plan; not thread-safe.
 */
final class AdoptionPlanner {
    private final SchemaSnapshot snapshot;
    private final AdoptionRequest request;
    private final String column;
    private final String type;
    private final boolean clearsChosenColumns;
    private final TargetRows rows;
    private final List<String> notes = new ArrayList<>();
    private final Set<String> adopted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, PriorTenantColumn> prior = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<ForeignKey>> widenedForeignKeys = new LinkedHashMap<>();
    private final Set<String> unwidenedReferences = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private final ConfiguredNames names;

    AdoptionPlanner(SchemaSnapshot snapshot, AdoptionRequest request, String column, String type, boolean clearsChosenColumns,
                    TargetRows rows, ConfiguredNames names) {
        this.names = names;
        this.snapshot = snapshot;
        this.request = request;
        this.column = column;
        this.type = type;
        this.clearsChosenColumns = clearsChosenColumns;
        this.rows = rows;
    }

    AdoptionPlan plan() throws SQLException {
        chooseTables();
        chooseForeignKeys();
        List<TableAdoption> tables = new ArrayList<>();
        for (Table table : snapshot.tables().stream().filter(t -> adopted.contains(t.name())).toList()) {
            String key = backfillKey(table);
            if (key == null) {
                notes.add(table.name() + ": no single-column key to walk in batches, backfilled in one UPDATE");
            } else if (!Identifiers.isPlain(table.name()) || !Identifiers.isPlain(key)) {
                // The backfill directive is a comment line of plain names; a name to quote goes in a plain UPDATE.
                notes.add(table.name() + ": its name" + (Identifiers.isPlain(key) ? "" : " or its key's (" + key + ")")
                        + " needs quoting, which the batched backfill does not take: backfilled in one UPDATE");
                key = null;
            }
            tables.add(new TableAdoption(table, key, uniquesToWiden(table), uniqueIndexesToWiden(table),
                    widenedForeignKeys.getOrDefault(table.name(), List.of())));
        }
        if (!request.widenKeys()) {
            noteKeysLeftAlone(tables);
        }
        return new AdoptionPlan(request, column, tables, parentKeys(tables), notes);
    }

    private void chooseTables() throws SQLException {
        for (Table table : snapshot.tables()) {
            if (request.configures(table.name(), names)) {
                notes.add(table.name() + ": excluded by checks.tenant-column.exclude of flotilla.yml, left as it is (shared"
                        + " by all tenants)");
            } else if (request.excludes(table.name(), names)) {
                notes.add(table.name() + ": excluded, left as it is (shared by all tenants; name it in checks.tenant-column.exclude"
                        + " of flotilla.yml too, for the tenant-column check to leave it alone)");
            } else if (table.column(column).isPresent()) {
                Column existing = table.column(column).orElseThrow();
                PriorTenantColumn found = new PriorTenantColumn(table, existing,
                        existing.nullable() ? rows.nulls(table.name(), existing.name()) : 0);
                prior.put(table.name(), found);
                notes.add(priorNote(found));
            } else {
                adopted.add(table.name());
            }
        }
    }

    /** A table left as it is: what the tenant-column check will say of it after the migration, and what to do. */
    private String priorNote(PriorTenantColumn found) {
        String table = found.table().name();
        List<String> problems = found.problems(type);
        if (problems.isEmpty()) {
            return table + ": already has " + column + ", left as it is (the tenant-column check looks at it)";
        }
        return table + ": already has " + found.column().name() + ", left as it is, and the tenant-column check will"
                + " fail on it after this migration: " + String.join("; ", problems) + ". Fix it in a migration of your"
                + " own (" + type + ", every row's tenant, NOT NULL, an index leading with it), or if its rows are shared"
                + " by all tenants, exclude it (--exclude " + table + " and checks.tenant-column.exclude).";
    }

    private void chooseForeignKeys() throws SQLException {
        for (Table table : snapshot.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                String why = adopted.contains(table.name()) && request.widenKeys() ? whyNotWidened(table, fk) : "";
                String key = table.name() + " (" + String.join(", ", fk.columns()) + ") -> " + fk.referencedTable();
                if (why == null) {
                    widenedForeignKeys.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(fk);
                    if (!fk.validated()) {
                        notes.add(key + ": foreign key NOT VALID (its existing rows were never checked), widened and"
                                + " restored NOT VALID, not validated; VALIDATE CONSTRAINT " + fk.name()
                                + " once its orphans are fixed");
                    }
                } else {
                    unwidenedReferences.add(reference(fk.referencedTable(), fk.referencedColumns()));
                    if (!why.isEmpty()) {
                        notes.add(key + ": foreign key not widened, " + why);
                    }
                }
            }
        }
    }

    /** Null when the foreign key is widened, else why not ("" when there is nothing worth saying). */
    private String whyNotWidened(Table table, ForeignKey fk) throws SQLException {
        if (fk.columns().stream().anyMatch(c -> table.sameColumn(c, column))) {
            return "";
        }
        ReferencedTable referenced = ReferencedTable.of(snapshot, fk);
        if (!referenced.inOwnSchema()) {
            return "it references another schema";
        }
        PriorTenantColumn parent = prior.get(referenced.table());
        if (parent == null && !adopted.contains(referenced.table())) {
            return "it references a table without " + column + " (excluded: shared by all tenants)";
        }
        if (fk.onUpdate() != null && fk.onUpdate().toUpperCase(Locale.ROOT).startsWith("SET ")) {
            return "its ON UPDATE " + fk.onUpdate() + " would change " + column + " too; widen it by hand";
        }
        if (fk.onDelete() != null && fk.onDelete().toUpperCase(Locale.ROOT).startsWith("SET ") && !clearsChosenColumns) {
            return "its ON DELETE " + fk.onDelete() + " would clear " + column + " too, and this database cannot say which"
                    + " columns to clear; widen it by hand";
        }
        return parent == null ? null : whyNotWidenedToPrior(table, fk, referenced, parent);
    }

    /** A parent that had the column before: it must hold what the child's column gets, in the child's rows too. */
    private String whyNotWidenedToPrior(Table table, ForeignKey fk, ReferencedTable referenced, PriorTenantColumn parent)
            throws SQLException {
        String parentColumn = fk.referencedTable() + "." + parent.column().name();
        if (!parent.sameKind(type)) {
            return parentColumn + " is " + parent.column().type() + ", unlike the " + type + " that " + table.name()
                    + " gets; widen it by hand once they agree";
        }
        long crossing = rows.referencingOtherTenants(table.name(), fk, referenced, parent.column().name(), request.literal());
        if (crossing > 0) {
            return crossing + " row(s) of " + table.name() + " reference rows of " + fk.referencedTable() + " whose "
                    + parent.column().name() + " is not " + request.literal() + ", the tenant the backfill gives them;"
                    + " set their " + column + " from " + parentColumn + ", then widen it by hand";
        }
        return null;
    }

    private List<Unique> uniquesToWiden(Table table) {
        List<Unique> uniques = new ArrayList<>();
        for (Unique unique : request.widenKeys() ? table.uniques() : List.<Unique>of()) {
            if (unique.columns().stream().anyMatch(c -> table.sameColumn(c, column))) {
                continue;
            }
            if (unwidenedReferences.contains(reference(table.name(), unique.columns()))) {
                notes.add(table.name() + ": unique (" + String.join(", ", unique.columns()) + ") not widened: a foreign"
                        + " key that is not widened references it");
            } else {
                uniques.add(unique);
            }
        }
        return uniques;
    }

    /**
     * The unique indexes that are no unique constraint, as widened as the constraints (their predicate kept); one
     * on an expression is left, with a note.
     */
    private List<Index> uniqueIndexesToWiden(Table table) {
        List<Index> indexes = new ArrayList<>();
        for (Index index : request.widenKeys() ? uniqueIndexes(table) : List.<Index>of()) {
            if (index.columns().stream().anyMatch(c -> table.sameColumn(c, column))) {
                continue;
            }
            if (index.columns().stream().anyMatch(c -> table.column(c).isEmpty())) {
                notes.add(table.name() + ": unique index " + index.name() + " (" + String.join(", ", index.columns())
                        + ") not widened: it is on an expression; create it again with " + column + " first by hand");
            } else if (unwidenedReferences.contains(reference(table.name(), index.columns()))) {
                notes.add(table.name() + ": unique index " + index.name() + " not widened: a foreign key that is not"
                        + " widened references it");
            } else {
                indexes.add(index);
            }
        }
        return indexes;
    }

    private void noteKeysLeftAlone(List<TableAdoption> tables) {
        long uniques = tables.stream().mapToLong(t -> t.table().uniques().size() + uniqueIndexes(t.table()).stream()
                .filter(i -> i.columns().stream().noneMatch(c -> t.table().sameColumn(c, column))).count()).sum();
        long keys = tables.stream().flatMap(t -> t.table().foreignKeys().stream())
                .filter(fk -> adopted.contains(fk.referencedTable()) || prior.containsKey(fk.referencedTable())).count();
        if (uniques + keys > 0) {
            notes.add(uniques + " unique constraint(s) and " + keys + " foreign key(s) between tenant tables do not include "
                    + column + ": uniqueness and references can cross tenants, and the tenant-column check says so."
                    + " Adopt with --widen-keys to include it.");
        }
    }

    /** The (column, referenced columns) unique keys that widened foreign keys need on their parents. */
    private Map<String, List<List<String>>> parentKeys(List<TableAdoption> tables) {
        Map<String, List<List<String>>> parentKeys = new LinkedHashMap<>();
        for (TableAdoption table : tables) {
            for (ForeignKey fk : table.foreignKeys()) {
                List<String> key = AdoptionPlan.withColumn(column, fk.referencedColumns());
                Table parent = snapshot.table(fk.referencedTable()).orElseThrow();
                if (!hasKey(parent, tables, key)) {
                    List<List<String>> keys = parentKeys.computeIfAbsent(parent.name(), t -> new ArrayList<>());
                    if (keys.stream().noneMatch(k -> sameColumns(k, key))) {
                        keys.add(key);
                    }
                }
            }
        }
        return parentKeys;
    }

    /** Whether a unique key of the parent covers {@code key}: one widened now, or one it has (adopted before). */
    private boolean hasKey(Table parent, List<TableAdoption> tables, List<String> key) {
        if (!prior.containsKey(parent.name())) {
            return tables.stream().filter(t -> t.name().equalsIgnoreCase(parent.name())).findFirst().orElseThrow()
                    .uniques().stream().anyMatch(u -> sameColumns(AdoptionPlan.withColumn(column, u.columns()), key));
        }
        return sameColumns(parent.primaryKey(), key) || parent.uniques().stream().anyMatch(u -> sameColumns(u.columns(), key))
                || parent.indexes().stream().anyMatch(i -> i.unique() && i.where() == null && sameColumns(i.columns(), key));
    }

    /** The unique indexes of the table that are no unique constraint (which goes by its index's name). */
    private static List<Index> uniqueIndexes(Table table) {
        return table.indexes().stream().filter(i -> i.unique() && table.uniques().stream()
                .noneMatch(u -> u.name() != null && u.name().equals(i.name()))).toList();
    }

    /** The primary key when it is one column, else a one-column unique constraint on a NOT NULL column. */
    private static String backfillKey(Table table) {
        if (table.primaryKey().size() == 1) {
            return table.primaryKey().get(0);
        }
        return table.uniques().stream().filter(u -> u.columns().size() == 1)
                .map(u -> u.columns().get(0))
                .filter(c -> table.column(c).map(col -> !col.nullable()).orElse(false))
                .findFirst().orElse(null);
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()
                .equals(b.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    private static String reference(String table, List<String> columns) {
        return table + "(" + String.join(",", columns) + ")";
    }
}
