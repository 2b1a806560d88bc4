package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import java.util.List;

/**
 * PostgreSQL: NOT NULL without a long lock (a CHECK added NOT VALID, validated under a lock that lets writes
 * through, then SET NOT NULL, which trusts the validated check instead of scanning), indexes built
 * CONCURRENTLY, foreign keys added NOT VALID and validated afterwards (those that were NOT VALID stay so).
 */
final class PostgresAdoption extends AlterAdoption {
    PostgresAdoption(SqlNames names) {
        super(names);
    }

    @Override
    public String defaultType() {
        return "text";
    }

    @Override
    List<String> setNotNull(String table, String column, String type, String literal) {
        String t = "ALTER TABLE " + names.sql(table);
        String check = names.sql(names.derived(table, column, "present"));
        return List.of(t + " DROP CONSTRAINT IF EXISTS " + check,
                t + " ADD CONSTRAINT " + check + " CHECK (" + names.sql(column) + " IS NOT NULL) NOT VALID",
                t + " VALIDATE CONSTRAINT " + check,
                t + " ALTER COLUMN " + names.sql(column) + " SET NOT NULL",
                t + " DROP CONSTRAINT IF EXISTS " + check);
    }

    @Override
    String createIndex(String table, String index, List<String> columns) {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + names.sql(index) + " ON " + names.sql(table)
                + " (" + names.list(columns) + ")";
    }

    @Override
    String addUnique(String table, String name, List<String> columns) {
        return "ALTER TABLE " + names.sql(table) + " ADD CONSTRAINT " + names.sql(name) + " UNIQUE (" + names.list(columns) + ")";
    }

    @Override
    List<String> addForeignKey(String table, ForeignKey fk, boolean widened) {
        String t = "ALTER TABLE " + names.sql(table);
        String add = t + " ADD CONSTRAINT " + names.sql(fk.name()) + " FOREIGN KEY (" + names.list(fk.columns()) + ") "
                + references(fk, widened) + " NOT VALID";
        return fk.validated() ? List.of(add, t + " VALIDATE CONSTRAINT " + names.sql(fk.name())) : List.of(add);
    }
}
