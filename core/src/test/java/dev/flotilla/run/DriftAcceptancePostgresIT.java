package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accepted live schemas on PostgreSQL, a schema per tenant; the structure is kept with pg_dump. */
class DriftAcceptancePostgresIT extends DriftAcceptanceContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    void createTargets(List<TenantTarget> targets) {
    }

    @Test
    void a_structure_that_cannot_be_copied_is_recorded_with_the_passwords_its_failed_statement_quotes_masked() throws Exception {
        deploy();
        // A view on the history table, which the copy leaves out: its statement, quoted (its first 97 characters) in the
        // problem, holds a password.
        sql("t000", "CREATE VIEW v AS SELECT 'pwd=Kw0rdValue9' AS dsn, version FROM tenant_migrations");

        DriftAcceptance accepted = accept(fleet.targets(0, 1)).get(0).acceptance();
        fleet.plane.acceptances().record(accepted);

        assertThat(accepted.structure()).isNull();
        assertThat(accepted.structureProblem()).contains("could not be copied", "'pwd=****'").doesNotContain("Kw0rdValue9");
        assertThat(fleet.plane.acceptances().of(java.util.List.of(TenantId.of("t000"))).get(TenantId.of("t000"))
                .structureProblem()).contains("'pwd=****'").doesNotContain("Kw0rdValue9");
    }
}
