package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant's afterTenant hook that fails once its migrations ran, on H2 tenants. */
class AfterTenantHookH2IT extends OneTenantH2Fleet {
    @Test
    void a_failed_after_tenant_hook_says_what_was_applied_and_the_retry_that_runs_the_hooks_again() throws Exception {
        FleetOptions failing = Fleet.options(1, true).withHooks(new Hooks(null, null, null, "exit 4"));

        DeployResult deploy = fleet.runner(failing).deploy(fleet.targets());

        assertThat(deploy.tasks()).singleElement().satisfies(task -> {
            assertThat(task.code()).isEqualTo(ErrorCode.HOOK_FAILED);
            assertThat(task.error()).isEqualTo("The afterTenant hook `exit 4` failed: exit 4. The migrations themselves were"
                    + " applied (1). Once the hook's work is done by hand, or the hook is fixed, `flotilla deploy"
                    + " --retry-failed " + deploy.deployment() + "` runs the deployment's failed tenants again: this one's"
                    + " hooks, with nothing left to apply.");
        });

        Path ran = temp.resolve("after.log");
        FleetOptions fixed = Fleet.options(1, true).withHooks(new Hooks(null, null, null, "echo $FLOTILLA_TENANT >> " + ran));
        DeployResult retried = fleet.runner(fixed).resume(deploy.deployment(), fleet.targets(), true);

        assertThat(retried.tasks()).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(task.applied()).isEmpty();
        });
        assertThat(Files.readAllLines(ran)).as("the hook ran again").isEqualTo(List.of("t000"));
    }

    @Test
    void a_failed_after_tenant_hook_after_a_rollback_names_the_retry_that_runs_the_hooks_again_and_undoes_nothing_more()
            throws Exception {
        Files.writeString(temp.resolve("migrations").resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(fleet.targets());
        // The hook's own command line names a flotilla command: it is quoted as configured, not written for the tenant.
        String hook = "flotilla verify >/dev/null 2>&1; exit 4";
        FleetOptions failing = Fleet.options(1, true).withHooks(new Hooks(null, null, null, hook));

        DeployResult rollback = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), failing, FleetListener.SILENT)
                .deployment(deploy.deployment(), fleet.targets());

        assertThat(rollback.tasks()).singleElement().satisfies(task -> {
            assertThat(task.code()).isEqualTo(ErrorCode.HOOK_FAILED);
            assertThat(task.applied()).containsExactly("1");
            assertThat(task.error()).isEqualTo("The afterTenant hook `" + hook + "` failed: exit 4. The rollback itself"
                    + " succeeded (undone: 1). Once the hook's work is done by hand, or the hook is fixed, `flotilla deploy"
                    + " --retry-failed " + rollback.deployment() + "` runs the rollback's failed tenants again: this one's"
                    + " hooks, with nothing left to undo.");
        });

        Path ran = temp.resolve("after.log");
        FleetOptions fixed = Fleet.options(1, true).withHooks(new Hooks(null, null, null, "echo $FLOTILLA_TENANT >> " + ran));
        DeployResult retried = fleet.runner(fixed).resume(rollback.deployment(), fleet.targets(), true);

        assertThat(retried.tasks()).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(task.applied()).as("undone again").isEmpty();
        });
        assertThat(Files.readAllLines(ran)).as("the hook ran again").isEqualTo(List.of("t000"));
        assertThat(fleet.plane.tenants().find(TenantId.of("t000")).orElseThrow().status()).isEqualTo("rolled-back");
    }

    @Test
    void a_failed_before_tenant_hook_names_the_retry_as_a_value_and_quotes_its_own_command_line_as_configured()
            throws Exception {
        // The hook's own command line names a flotilla command: it is quoted as configured, not written for the tenant.
        String hook = "flotilla verify >/dev/null 2>&1; exit 3";
        FleetOptions failing = Fleet.options(1, true).withHooks(new Hooks(null, null, hook, null));

        DeployResult deploy = fleet.runner(failing).deploy(fleet.targets());

        assertThat(deploy.tasks()).singleElement().satisfies(task -> {
            assertThat(task.code()).isEqualTo(ErrorCode.HOOK_FAILED);
            assertThat(task.applied()).isEmpty();
            assertThat(task.error()).isEqualTo("The beforeTenant hook `" + hook + "` failed: exit 3. Nothing was applied on"
                    + " it. Once the hook is fixed, `flotilla deploy --retry-failed " + deploy.deployment() + "` runs the"
                    + " deployment's failed tenants again, their hooks with them.");
        });

        Path ran = temp.resolve("before.log");
        FleetOptions fixed = Fleet.options(1, true).withHooks(new Hooks(null, null, "echo $FLOTILLA_TENANT >> " + ran, null));
        DeployResult retried = fleet.runner(fixed).resume(deploy.deployment(), fleet.targets(), true);

        assertThat(retried.tasks()).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(task.applied()).containsExactly("1");
        });
        assertThat(Files.readAllLines(ran)).as("the hook ran again").isEqualTo(List.of("t000"));
    }
}
