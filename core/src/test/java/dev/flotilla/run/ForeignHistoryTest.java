package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.tenant.TenantId;
import java.util.List;
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

    @Test
    void the_first_of_another_tools_history_tables_is_found_in_any_case_and_nothing_else_is() {
        assertThat(ForeignHistory.among(List.of("orders", "databasechangelog", "Flyway_Schema_History")))
                .isEqualTo("databasechangelog");
        assertThat(ForeignHistory.among(List.of("FLYWAY_SCHEMA_HISTORY"))).isEqualTo("FLYWAY_SCHEMA_HISTORY");
        assertThat(ForeignHistory.among(List.of("orders", "migrations", "flyway_schema_history_old"))).isNull();
        assertThat(ForeignHistory.among(List.of())).isNull();
    }
}
