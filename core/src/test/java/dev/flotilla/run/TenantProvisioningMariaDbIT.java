package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** Provisioning MariaDB databases named by a URL template: the database itself is created and dropped. */
class TenantProvisioningMariaDbIT extends TenantProvisioningContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
    }

    /**
     * A sequence with options of its own, and a table whose default takes from it (SHOW CREATE TABLE names the
     * database there): a baseline must make both as the migrations did, in the new tenant's database.
     */
    @Override
    String dialectMigration() {
        return """
                CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 99999 CACHE 5 CYCLE;
                CREATE TABLE invoices (no BIGINT NOT NULL DEFAULT NEXTVAL(invoice_numbers) PRIMARY KEY, company_id INT NOT NULL);
                """;
    }

    @Override
    void prepare(TenantTarget target) throws SQLException {
        MariaDbTenants.create(List.of(target));
    }

    @Override
    boolean exists(TenantTarget target) throws SQLException {
        return MariaDbTenants.exists(target);
    }

    @Override
    void dropTarget(TenantTarget target) throws SQLException {
        MariaDbTenants.drop(List.of(target));
    }
}
