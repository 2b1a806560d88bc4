package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TenantColumnAdoptionPostgresIT extends TenantColumnAdoptionContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    boolean clearsChosenColumns() {
        return true;
    }

    @Test
    void a_quoted_column_that_differs_from_the_tenant_column_only_in_case_is_another_column() throws Exception {
        sql("CREATE TABLE \"select\" (\"from\" int PRIMARY KEY, \"TENANT_ID\" text)", "INSERT INTO \"select\" VALUES (1, 'legacy')");
        var before = counts();

        GeneratedMigration migration = adopt(request());
        assertApplied(write(migration).migrate());

        assertThat(migration.tables()).contains("select");
        assertThat(migration.notes()).noneMatch(n -> n.startsWith("select:"));
        SchemaSnapshot.Table table = snapshot().table("select").orElseThrow();
        assertThat(table.column("tenant_id").orElseThrow().name()).isEqualTo("tenant_id");
        assertThat(table.column("tenant_id").orElseThrow().nullable()).isFalse();
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryRow(session.connection(), "SELECT \"TENANT_ID\", tenant_id FROM \"select\""))
                    .containsExactly("legacy", "caps-automotive");
        }
        CheckResult tenantColumn = verify(before).get(1);
        assertThat(tenantColumn.problems()).noneMatch(p -> p.startsWith("select"));
    }
}
