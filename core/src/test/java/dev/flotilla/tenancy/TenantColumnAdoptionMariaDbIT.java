package dev.flotilla.tenancy;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class TenantColumnAdoptionMariaDbIT extends TenantColumnAdoptionContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    @org.junit.jupiter.api.Test
    void a_quoted_exclusion_keeps_its_case_as_the_servers_lower_case_table_names_says() throws Exception {
        boolean caseSensitive;
        try (var session = dev.flotilla.target.TargetSession.open(target, false)) {
            caseSensitive = "0".equals(dev.flotilla.sql.Jdbc.queryString(session.connection(), "SELECT @@lower_case_table_names"));
        }

        GeneratedMigration migration = adopt(AdoptionRequest.of("tenant_id", "caps-automotive")
                .excluding(java.util.Set.of("`Settings`")));

        if (caseSensitive) {
            org.assertj.core.api.Assertions.assertThat(migration.warnings()).singleElement().asString()
                    .contains("--exclude `Settings`", "(did you mean settings?)");
            org.assertj.core.api.Assertions.assertThat(migration.tables()).contains(PosSchema.SHARED_TABLE);
        } else {
            org.assertj.core.api.Assertions.assertThat(migration.warnings()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(migration.tables()).doesNotContain(PosSchema.SHARED_TABLE);
        }
    }
}
