package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Remedy;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure a task's failed afterTenant hook makes of it, its retry kept as a value. */
class AfterTenantHooksTest {
    private static final String HOOK = "flotilla verify >/dev/null 2>&1; exit 4";
    private final TenantTarget tenant = new TenantTarget(new Tenant(TenantId.of("t7"), null, null, null, List.of()),
            new TargetSpec("jdbc:h2:mem:unused", "sa", null, null, null));

    @Test
    void after_a_rollback_the_retry_is_a_value_and_the_hooks_own_command_line_is_not_written_for_the_tenant() {
        TaskFailure failure = new AfterTenantHooks(new Hooks(null, null, null, HOOK), "d-rollback", true)
                .run(List.of(tenant), null, List.of("2", "1"), new StringBuilder());

        assertThat(failure.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(failure.advice().parts()).filteredOn(Remedy.class::isInstance)
                .containsExactly(Remedy.of("deploy", "--retry-failed", "d-rollback"));
        assertThat(failure.advice().forTenant(tenant.tenant().id()).text())
                .startsWith("The afterTenant hook `" + HOOK + "` failed: exit 4. The rollback itself succeeded (undone: 2, 1).")
                .contains("`flotilla deploy --retry-failed d-rollback` runs the rollback's failed tenants again")
                .doesNotContain("--tenants");
    }

    @Test
    void a_task_that_failed_before_its_hook_keeps_its_own_failure() {
        TaskFailure before = new TaskFailure(ErrorCode.SQL_ERROR, "V2 failed");

        TaskFailure failure = new AfterTenantHooks(new Hooks(null, null, null, HOOK), "d-1", false)
                .run(List.of(tenant), before, List.of(), new StringBuilder());

        assertThat(failure).isSameAs(before);
    }
}
