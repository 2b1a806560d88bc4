package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanNoticeTest {
    private static TenantPlan plan(String tenant, Problem... problems) {
        return new TenantPlan(TenantId.of(tenant), "jdbc:mariadb://db1/t_" + tenant, null, List.of("1"), List.of(problems),
                null, null, null);
    }

    @Test
    void a_foreign_key_the_tenants_schema_would_refuse_is_a_notice_naming_that_tenant_and_other_problems_are_not() {
        Problem key = new Problem(ErrorCode.FK_PARENT_MISMATCH, "V1__bookings.sql, statement 2: its foreign key bookings"
                + " (branch_id) -> branches (id) cannot be added on jdbc:mariadb://db1/t_a: secret-ish", "1");

        List<PlanNotice> notices = PlanNotice.of(List.of(plan("a", key), plan("b"),
                plan("c", new Problem(ErrorCode.FAILED_MIGRATION, "failed", "1"))), s -> s.replace("secret-ish", "***"));

        assertThat(notices).containsExactly(new PlanNotice("a", "FK_PARENT_MISMATCH: V1__bookings.sql, statement 2: its"
                + " foreign key bookings (branch_id) -> branches (id) cannot be added on jdbc:mariadb://db1/t_a: ***"));
    }
}
