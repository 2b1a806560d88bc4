package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.SQLException;

/** The logins of fleet commands over PostgreSQL schemas, one per tenant, behind one URL. */
class FleetLoginsPostgresIT extends FleetLoginsContract {
    @Override
    String serverUrl() {
        return TestDatabases.POSTGRES_URL;
    }

    @Override
    Tenancy tenancyAt(String server, String prefix) {
        String url = TestDatabases.POSTGRES_URL;
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:postgresql://" + server + url.substring(url.indexOf('/',
                "jdbc:postgresql://".length())), null, prefix + "_{tenant}", TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    void dropOnServer() throws SQLException {
        for (TenantTarget target : fleet.targets()) {
            TestDatabases.execute(TestDatabases.postgres(null), "DROP SCHEMA IF EXISTS \"" + target.target().schema() + "\" CASCADE");
        }
    }
}
