package dev.flotilla.bench;

import java.util.List;

/**
 * The schemas the harness builds and the migration it times, per dialect: a base schema in the spirit of seed
 * 001 (companies, customers, branches, staff with uuid keys, services, appointments, foreign keys) and a
 * 6-statement migration (three tables with a company_id foreign key ON DELETE CASCADE, indexes and a unique
 * constraint, an added column, an index on it).
 */
final class Workload {
    private Workload() {
    }

    static List<String> base(boolean postgres) {
        String uuid = postgres ? "UUID" : "CHAR(36)";
        String ts = postgres ? "TIMESTAMP" : "DATETIME";
        return List.of(
                "CREATE TABLE companies (id " + uuid + " PRIMARY KEY, code VARCHAR(64) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL)",
                "CREATE TABLE branches (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, name VARCHAR(200) NOT NULL)",
                "CREATE TABLE customers (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, email VARCHAR(200) NOT NULL, UNIQUE (company_id, email))",
                "CREATE TABLE staff (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, branch_id " + uuid + " REFERENCES branches (id), name VARCHAR(200) NOT NULL)",
                "CREATE TABLE services (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, name VARCHAR(200) NOT NULL, minutes INTEGER NOT NULL)",
                "CREATE TABLE appointments (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, customer_id " + uuid + " NOT NULL REFERENCES customers (id), service_id " + uuid
                        + " NOT NULL REFERENCES services (id), staff_id " + uuid + " REFERENCES staff (id), starts_at " + ts + " NOT NULL)",
                "CREATE INDEX idx_appointments_company_start ON appointments (company_id, starts_at)");
    }

    /** The migration under test, six statements. */
    static List<String> migration(boolean postgres) {
        String uuid = postgres ? "UUID" : "CHAR(36)";
        String ts = postgres ? "TIMESTAMP" : "DATETIME";
        return List.of(
                "CREATE TABLE service_packages (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, name VARCHAR(100) NOT NULL, CONSTRAINT uniq_package_name UNIQUE (company_id, name))",
                "CREATE TABLE package_items (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, package_id " + uuid + " NOT NULL REFERENCES service_packages (id) ON DELETE CASCADE,"
                        + " service_id " + uuid + " NOT NULL REFERENCES services (id))",
                "CREATE TABLE package_sales (id " + uuid + " PRIMARY KEY, company_id " + uuid + " NOT NULL REFERENCES companies (id)"
                        + " ON DELETE CASCADE, package_id " + uuid + " NOT NULL REFERENCES service_packages (id), customer_id " + uuid
                        + " NOT NULL REFERENCES customers (id), sold_at " + ts + " NOT NULL)",
                "CREATE INDEX idx_package_items_package ON package_items (company_id, package_id)",
                "ALTER TABLE appointments ADD COLUMN package_sale_id " + uuid,
                "CREATE INDEX idx_appointments_package_sale ON appointments (package_sale_id)");
    }

    static String migrationFile(boolean postgres) {
        return String.join(";\n", migration(postgres)) + ";\n";
    }

    /** Takes a target back to the base schema: the migration's objects and every tool's history table go. */
    static List<String> reset(boolean postgres) {
        List<String> reset = new java.util.ArrayList<>(objects(postgres));
        reset.addAll(List.of("DROP TABLE IF EXISTS flyway_schema_history", "DROP TABLE IF EXISTS tenant_migrations",
                "DROP TABLE IF EXISTS tenant_migrations_lock"));
        return reset;
    }

    /**
     * Takes the migration back out but keeps the tools' history tables, with the migration's row removed from
     * the one named: the next deploy is a target's ordinary one, not its first.
     */
    static List<String> undoKeepingHistory(boolean postgres, String historyTable) {
        List<String> undo = new java.util.ArrayList<>(objects(postgres));
        undo.add("DELETE FROM " + historyTable + " WHERE version = '1'");
        return undo;
    }

    /**
     * Drops what the migration made, and gives back the table it altered as new. A dropped column stays behind:
     * in MariaDB's row format after an instant ADD and DROP COLUMN (after enough rounds an ADD COLUMN fails with
     * "Row size too large"), and in PostgreSQL's catalog (one more attribute per round, and each run slower than
     * the last), so MariaDB rebuilds the table and PostgreSQL creates it again (nothing refers to it).
     */
    private static List<String> objects(boolean postgres) {
        List<String> drops = new java.util.ArrayList<>(List.of("DROP TABLE IF EXISTS package_sales",
                "DROP TABLE IF EXISTS package_items", "DROP TABLE IF EXISTS service_packages"));
        if (postgres) {
            List<String> base = base(true);
            drops.addAll(List.of("DROP TABLE appointments", base.get(5), base.get(6)));
        } else {
            drops.addAll(List.of("DROP INDEX IF EXISTS idx_appointments_package_sale ON appointments",
                    "ALTER TABLE appointments DROP COLUMN IF EXISTS package_sale_id", "ALTER TABLE appointments FORCE"));
        }
        return drops;
    }
}
