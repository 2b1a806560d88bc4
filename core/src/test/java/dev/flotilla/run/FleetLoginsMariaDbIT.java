package dev.flotilla.run;

import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.SQLException;

/** The logins of fleet commands over MariaDB databases, one per tenant, on one server. */
class FleetLoginsMariaDbIT extends FleetLoginsContract {
    @Override
    String serverUrl() {
        return TestDatabases.MARIADB_URL;
    }

    @Override
    Tenancy tenancyAt(String server, String prefix) {
        String url = TestDatabases.mariadbUrl(prefix + "_{tenant}");
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:mariadb://" + server + url.substring(url.indexOf('/',
                "jdbc:mariadb://".length())), null, TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    void dropOnServer() throws SQLException {
        for (TenantTarget target : fleet.targets()) {
            TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS `"
                    + JdbcUrls.databaseIn(target.target().url()).orElseThrow().database() + "`");
        }
    }
}
