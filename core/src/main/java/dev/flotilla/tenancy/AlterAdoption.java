package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.sql.BackfillDirective;
import dev.flotilla.tenancy.AdoptionPlan.TableAdoption;
import java.util.ArrayList;
import java.util.List;

/**
 * Adoption where ALTER TABLE can do it all (PostgreSQL, MariaDB/MySQL, H2): add the column nullable, give it
 * the tenant as default for rows inserted meanwhile, backfill the existing rows in committed batches, make it
 * NOT NULL, index it; then, when asked, widen unique constraints, unique indexes and foreign keys. Every statement can run
 * again after an interruption (IF [NOT] EXISTS, or dropped before it is added), so a half-run adoption is
 * finished by {@code flotilla repair} and a second migrate. The down script takes it all back, restoring
 * the original constraints under their own names.
 */
abstract class AlterAdoption implements AdoptionWriter {
    final SqlNames names;

    AlterAdoption(SqlNames names) {
        this.names = names;
    }

    /** Statements that make the backfilled column NOT NULL, keeping {@code literal} as its default. */
    abstract List<String> setNotNull(String table, String column, String type, String literal);

    abstract String addUnique(String table, String name, List<String> columns);

    /**
     * Statements that add a foreign key (and validate it where it is added unvalidated, unless it was not valid
     * before: its existing rows were never checked, and may not pass).
     *
     * @param widened true for a key widened with the tenant column, which comes first in its columns
     */
    abstract List<String> addForeignKey(String table, ForeignKey fk, boolean widened);

    /** ADD COLUMN, nullable. */
    String addColumn(String table, String column, String type) {
        return "ALTER TABLE " + names.sql(table) + " ADD COLUMN IF NOT EXISTS " + names.sql(column) + " " + type;
    }

    String createIndex(String table, String index, List<String> columns) {
        return "CREATE INDEX IF NOT EXISTS " + names.sql(index) + " ON " + names.sql(table) + " (" + names.list(columns) + ")";
    }

    String dropIndex(String table, String index) {
        return "DROP INDEX IF EXISTS " + names.sql(index);
    }


    String dropUnique(String table, String name) {
        return "ALTER TABLE " + names.sql(table) + " DROP CONSTRAINT IF EXISTS " + names.sql(name);
    }

    String dropForeignKey(String table, String name) {
        return dropUnique(table, name);
    }

    String setDefault(String table, String column, String literal) {
        return "ALTER TABLE " + names.sql(table) + " ALTER COLUMN " + names.sql(column) + " SET DEFAULT " + literal;
    }

    String dropDefault(String table, String column) {
        return "ALTER TABLE " + names.sql(table) + " ALTER COLUMN " + names.sql(column) + " DROP DEFAULT";
    }

    String dropColumn(String table, String column) {
        return "ALTER TABLE " + names.sql(table) + " DROP COLUMN IF EXISTS " + names.sql(column);
    }

    @Override
    public Scripts write(AdoptionPlan plan, String type) {
        return new Scripts(up(plan, type), down(plan));
    }

    private String up(AdoptionPlan plan, String type) {
        ScriptText up = new ScriptText();
        String column = plan.column();
        String literal = plan.request().literal();
        for (TableAdoption table : plan.tables()) {
            String name = table.name();
            up.blank().comment(name);
            up.statement(addColumn(name, column, type));
            up.statement(setDefault(name, column, literal));
            if (table.backfillKey() != null) {
                up.line(new BackfillDirective(name, column, literal, table.backfillKey(), plan.request().batchSize()).line());
            } else {
                up.statement("UPDATE " + names.sql(name) + " SET " + names.sql(column) + " = " + literal + " WHERE "
                        + names.sql(column) + " IS NULL");
            }
            setNotNull(name, column, type, literal).forEach(up::statement);
            if (plan.request().dropDefault()) {
                up.statement(dropDefault(name, column));
            }
            up.statement(createIndex(name, tenantIndex(name, column), List.of(column)));
        }
        if (widens(plan)) {
            widenKeys(plan, up);
        }
        return up.toString();
    }

    /** Drops the keys to widen, adds the parent keys, then the widened uniques and foreign keys (with an index each). */
    private void widenKeys(AdoptionPlan plan, ScriptText up) {
        String column = plan.column();
        up.blank().comment("unique constraints, unique indexes and foreign keys widened to include " + column);
        for (TableAdoption table : plan.tables()) {
            table.foreignKeys().forEach(fk -> up.statement(dropForeignKey(table.name(), fk.name())));
        }
        for (TableAdoption table : plan.tables()) {
            table.uniques().forEach(u -> up.statement(dropUnique(table.name(), u.name())));
            table.uniqueIndexes().forEach(i -> up.statement(dropIndex(table.name(), i.name())));
        }
        // Parent keys go on tables adopted now and on tables that had the column before (adopted by an earlier run).
        plan.parentKeys().forEach((table, keys) -> keys.forEach(key -> {
            up.statement(dropUnique(table, parentKeyName(table, key)));
            up.statement(addUnique(table, parentKeyName(table, key), key));
        }));
        for (TableAdoption table : plan.tables()) {
            table.uniques().forEach(u -> up.statement(addUnique(table.name(), u.name(), widened(column, u.columns()))));
            table.uniqueIndexes().forEach(i -> up.statement(names.uniqueIndex(table.name(), i, widened(column, i.columns()))));
        }
        for (TableAdoption table : plan.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                up.statement(createIndex(table.name(), foreignKeyIndex(table.name(), column, fk), widened(column, fk.columns())));
                addForeignKey(table.name(), widened(column, fk), true).forEach(up::statement);
            }
        }
    }

    private String down(AdoptionPlan plan) {
        ScriptText down = new ScriptText();
        String column = plan.column();
        if (widens(plan)) {
            down.blank().comment("the original unique constraints and foreign keys");
            for (TableAdoption table : plan.tables()) {
                for (ForeignKey fk : table.foreignKeys()) {
                    down.statement(dropForeignKey(table.name(), fk.name()));
                    down.statement(dropIndex(table.name(), foreignKeyIndex(table.name(), column, fk)));
                }
            }
            plan.parentKeys().forEach((table, keys) -> keys.forEach(key -> down.statement(dropUnique(table,
                    parentKeyName(table, key)))));
            for (TableAdoption table : plan.tables()) {
                table.uniques().forEach(u -> down.statement(dropUnique(table.name(), u.name())));
                table.uniques().forEach(u -> down.statement(addUnique(table.name(), u.name(), u.columns())));
                table.uniqueIndexes().forEach(i -> down.statement(dropIndex(table.name(), i.name())));
                table.uniqueIndexes().forEach(i -> down.statement(names.uniqueIndex(table.name(), i, i.columns())));
            }
            for (TableAdoption table : plan.tables()) {
                table.foreignKeys().forEach(fk -> addForeignKey(table.name(), fk, false).forEach(down::statement));
            }
        }
        List<TableAdoption> reversed = new ArrayList<>(plan.tables());
        java.util.Collections.reverse(reversed);
        for (TableAdoption table : reversed) {
            down.blank().comment(table.name());
            down.statement(dropIndex(table.name(), tenantIndex(table.name(), column)));
            down.statement(dropColumn(table.name(), column));
        }
        return down.toString();
    }

    private static boolean widens(AdoptionPlan plan) {
        return plan.tables().stream().anyMatch(t -> !t.uniques().isEmpty() || !t.uniqueIndexes().isEmpty()
                || !t.foreignKeys().isEmpty());
    }

    String tenantIndex(String table, String column) {
        return names.tenantIndex(table, column);
    }

    private String parentKeyName(String table, List<String> key) {
        return names.parentKey(table, key);
    }

    private String foreignKeyIndex(String table, String column, ForeignKey fk) {
        return names.foreignKeyIndex(table, widened(column, fk.columns()));
    }

    private static List<String> widened(String column, List<String> columns) {
        return AdoptionPlan.withColumn(column, columns);
    }

    private static ForeignKey widened(String column, ForeignKey fk) {
        return new ForeignKey(fk.name(), widened(column, fk.columns()), fk.referencedTable(),
                widened(column, fk.referencedColumns()), fk.onDelete(), fk.onUpdate(), fk.validated());
    }

    /**
     * {@code REFERENCES parent (columns) ON DELETE .. ON UPDATE ..}, the rules as the snapshot has them; a
     * widened key's ON DELETE SET NULL/DEFAULT names the columns it clears, all but the tenant column.
     */
    String references(ForeignKey fk, boolean widened) {
        String onDelete = fk.onDelete();
        if (widened && onDelete != null && onDelete.startsWith("SET ")) {
            onDelete += " (" + names.list(fk.columns().subList(1, fk.columns().size())) + ")";
        }
        return "REFERENCES " + names.sql(fk.referencedTable()) + " (" + names.list(fk.referencedColumns()) + ")"
                + (onDelete == null ? "" : " ON DELETE " + onDelete)
                + (fk.onUpdate() == null ? "" : " ON UPDATE " + fk.onUpdate());
    }
}
