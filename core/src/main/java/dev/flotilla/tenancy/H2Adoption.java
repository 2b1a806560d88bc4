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
    List<String> setNotNull(String table, String column, String type, String literal) {
        return List.of("ALTER TABLE " + names.sql(table) + " ALTER COLUMN " + names.sql(column) + " SET NOT NULL");
    }

    @Override
    String addUnique(String table, String name, List<String> columns) {
        return "ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT IF NOT EXISTS " + names.sql(name) + " UNIQUE ("
                + names.list(columns) + ")";
    }

    @Override
    List<String> addForeignKey(String table, ForeignKey fk, boolean widened) {
        return List.of("ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT IF NOT EXISTS " + names.sql(fk.name())
                + " FOREIGN KEY (" + names.list(fk.columns()) + ") " + references(fk, widened));
    }
}
