package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;

/** Provisioning PostgreSQL schemas; the copy keeps a sequence, a function and its trigger (pg_dump). */
class TenantProvisioningPostgresIT extends TenantProvisioningContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    String dialectMigration() {
        return """
                CREATE TABLE counters (id serial PRIMARY KEY, n int NOT NULL DEFAULT 0, touched timestamptz);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.touched := now(); RETURN NEW; END $$;
                CREATE TRIGGER counters_touch BEFORE UPDATE ON counters FOR EACH ROW EXECUTE FUNCTION touch();
                """;
    }

    @Override
    boolean exists(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.postgres(null))) {
            return Jdbc.queryString(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", target.target().schema()) != null;
        }
    }

    @Override
    void dropTarget(TenantTarget target) {
        TestDatabases.drop(target.target());
    }
}
