package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import java.util.List;

/** H2: plain ALTER TABLE, with IF [NOT] EXISTS on every step. */
final class H2Adoption extends AlterAdoption {
    H2Adoption(SqlNames names) {
        super(names);
    }

    @Override
    public String defaultType() {
        return "VARCHAR(64)";
    }

    @Override
    String addColumn(String table, String column, String type) {
        return "ALTER TABLE " + names.sql(table) + " ADD COLUMN IF NOT EXISTS " + names.sql(column) + " " + type;
    }

    @Override
    List<String> setNotNull(String table, String column, String type, String literal) {
        return List.of("ALTER TABLE " + names.sql(table) + " ALTER COLUMN " + names.sql(column) + " SET NOT NULL");
    }

    @Override
    String createIndex(String table, String index, List<String> columns) {
        return "CREATE INDEX IF NOT EXISTS " + names.sql(index) + " ON " + names.sql(table) + " (" + names.list(columns) + ")";
    }

    @Override
    String dropIndex(String table, String index) {
        return "DROP INDEX IF EXISTS " + names.sql(index);
    }

    @Override
    String dropUnique(String table, String name) {
        return "ALTER TABLE " + names.sql(table) + " DROP CONSTRAINT IF EXISTS " + names.sql(name);
    }

    @Override
    String addUnique(String table, String name, List<String> columns) {
        return "ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT IF NOT EXISTS " + names.sql(name) + " UNIQUE ("
                + names.list(columns) + ")";
    }

    @Override
    String dropForeignKey(String table, String name) {
        return dropUnique(table, name);
    }

    @Override
    List<String> addForeignKey(String table, ForeignKey fk, boolean widened) {
        return List.of("ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT IF NOT EXISTS " + names.sql(fk.name())
                + " FOREIGN KEY (" + names.list(fk.columns()) + ") " + references(fk, widened));
    }
}
