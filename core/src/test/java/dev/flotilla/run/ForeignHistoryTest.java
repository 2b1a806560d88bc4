package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.Test;

class ForeignHistoryTest {
    @Test
    void a_fleet_tenant_is_told_to_adopt_or_baseline_itself_and_one_target_with_the_commands_as_they_are() {
        Problem problem = ForeignHistory.problem("db (schema m07)", "tenant_migrations", "flyway_schema_history");

        assertThat(problem.code()).isEqualTo(ErrorCode.FOREIGN_HISTORY);
        assertThat(problem.message()).contains("(`flotilla adopt --from flyway`)", "(`flotilla baseline --version V`)")
                .doesNotContain("--tenants");
        assertThat(problem.forTenant(TenantId.of("m07")).message()).contains("(`flotilla adopt --tenants m07 --from flyway`)",
                "(`flotilla baseline --tenants m07 --version V`)");
        assertThat(ForeignHistory.problem("db", "tenant_migrations", "DATABASECHANGELOG").forTenant(TenantId.of("m07"))
                .message()).contains("`flotilla adopt --tenants m07 --from liquibase`");
    }
}
