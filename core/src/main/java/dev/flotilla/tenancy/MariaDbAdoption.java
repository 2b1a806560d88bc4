package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import java.util.List;

/**
 * MariaDB/MySQL: the column is added instantly (nullable, at the end), made NOT NULL with MODIFY (an in-place
 * rebuild that lets writes through); unique keys are indexes here, dropped with DROP INDEX.
 */
final class MariaDbAdoption extends AlterAdoption {
    MariaDbAdoption(SqlNames names) {
        super(names);
    }

    @Override
    public String defaultType() {
        return "VARCHAR(64)";
    }

    @Override
    String addColumn(String table, String column, String type) {
        return "ALTER TABLE " + names.sql(table) + " ADD COLUMN IF NOT EXISTS " + names.sql(column) + " " + type + " NULL";
    }

    @Override
    List<String> setNotNull(String table, String column, String type, String literal) {
        return List.of("ALTER TABLE " + names.sql(table) + " MODIFY " + names.sql(column) + " " + type + " NOT NULL DEFAULT "
                + literal);
    }

    @Override
    String dropIndex(String table, String index) {
        return "DROP INDEX IF EXISTS " + names.sql(index) + " ON " + names.sql(table);
    }

    @Override
    String dropUnique(String table, String name) {
        return "ALTER TABLE " + names.sql(table) + " DROP INDEX IF EXISTS " + names.sql(name);
    }

    @Override
    String addUnique(String table, String name, List<String> columns) {
        return "ALTER TABLE " + names.sql(table) + " ADD UNIQUE KEY IF NOT EXISTS " + names.sql(name) + " ("
                + names.list(columns) + ")";
    }

    @Override
    String dropForeignKey(String table, String name) {
        return "ALTER TABLE " + names.sql(table) + " DROP FOREIGN KEY IF EXISTS " + names.sql(name);
    }

    @Override
    List<String> addForeignKey(String table, ForeignKey fk, boolean widened) {
        return List.of("ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT " + names.sql(fk.name()) + " FOREIGN KEY IF NOT EXISTS ("
                + names.list(fk.columns()) + ") " + references(fk, widened));
    }
}
