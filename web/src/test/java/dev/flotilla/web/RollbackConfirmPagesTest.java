package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.RollbackMergeWarning;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Roll back…" of a deployment that failed on a tenant undoes only the tenants that succeeded: its confirmation names
 * the failed ones it leaves as they are, since on MariaDB/MySQL the statements that ran before the failure stay applied,
 * and an administrator reading "Roll back 1 tenant(s)" alone took the whole deployment for undone.
 */
class RollbackConfirmPagesTest {
    private static final String HALF_APPLIED = "2025_11_serial_system_integration.sql failed at statement 5 of 6 (line 20):"
            + " Table 'serial_quarantine' already exists. Statements 1-4 were applied";

    private final Templates templates = new Templates();

    @Test
    void a_rollback_confirmation_names_the_failed_tenants_it_leaves_as_they_are_and_what_to_do() {
        String page = confirmation(DeploymentAction.ROLLBACK, List.of(task("atelier_nord", TaskStatus.FAILED, HALF_APPLIED)));

        assertThat(page).contains("id=\"confirm-failed-left-out\"", "atelier_nord", HALF_APPLIED, "not rolled back",
                "flotilla repair --tenants atelier_nord");
        assertThat(page.substring(page.indexOf("<table id=\"confirm-tenants\""))).contains("atelier_sud")
                .doesNotContain("atelier_nord");
    }

    @Test
    void a_rollback_of_a_deployment_without_failures_says_nothing_of_them() {
        assertThat(confirmation(DeploymentAction.ROLLBACK, List.of())).doesNotContain("confirm-failed-left-out");
    }

    @Test
    void a_rollback_the_merge_guard_refuses_is_said_on_its_confirmation_before_the_button_is_pressed() {
        String refusal = "Cannot roll back app: its down files drop the tenant column tenant_id from 1 table(s) holding the"
                + " rows of 2 tenants: <orders> (2 tenants).";

        assertThat(confirmation(DeploymentAction.ROLLBACK, List.of(), new RollbackMergeWarning(List.of(refusal), List.of())))
                .contains("id=\"confirm-tenant-merge\"", "Rolling back now would be refused (ROLLBACK_REFUSED)",
                        "&lt;orders&gt; (2 tenants)").doesNotContain("confirm-unread-targets");
        assertThat(confirmation(DeploymentAction.ROLLBACK, List.of())).doesNotContain("confirm-tenant-merge");
    }

    @Test
    void what_the_guard_says_without_refusing_is_said_on_the_confirmation_apart_from_refusals() {
        String notice = "app: U2__rls.sql switches row-level security off on <orders>: its policy tenant_isolation (USING"
                + " (tenant_id = ...)) no longer filters its rows by tenant.";

        String page = confirmation(DeploymentAction.ROLLBACK, List.of(), new RollbackMergeWarning(List.of(), List.of(),
                List.of(notice)));

        assertThat(page).contains("id=\"confirm-tenant-filters\"", "The guard does not refuse this",
                "switches row-level security off on &lt;orders&gt;").doesNotContain("confirm-tenant-merge");
        assertThat(confirmation(DeploymentAction.ROLLBACK, List.of())).doesNotContain("confirm-tenant-filters");
    }

    @Test
    void the_targets_the_guard_could_not_read_are_named_apart_with_their_tenants_and_the_wait_each_was_given() {
        String refusal = "Cannot roll back: whether its down files would drop the tenant column tenant_id ... could not be"
                + " checked on 2 target(s): ...";
        String page = confirmation(DeploymentAction.ROLLBACK, List.of(), new RollbackMergeWarning(List.of(refusal),
                List.of("db1/app (tenants acme, globex)", "db2/app (tenants initech)")));

        String unread = page.substring(page.indexOf("id=\"confirm-unread-targets\""));
        assertThat(unread).contains("each given " + RollbackMergeWarning.readWithin() + " to connect",
                "<strong class=\"unread-target\">db1/app (tenants acme, globex)</strong>",
                "<strong class=\"unread-target\">db2/app (tenants initech)</strong>", "make them reachable");
    }

    private String confirmation(DeploymentAction action, List<TaskRecord> failedLeftOut) {
        return confirmation(action, failedLeftOut, RollbackMergeWarning.NONE);
    }

    private String confirmation(DeploymentAction action, List<TaskRecord> failedLeftOut,
                                RollbackMergeWarning tenantMerge) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("deployment", new DeploymentRecord("d-7", DeploymentStatus.FAILED, Instant.EPOCH, Instant.EPOCH, "admin",
                "host", "", 2, 1, failedLeftOut.size(), 0, 0, "deploy", null, null, null, null));
        parameters.put("action", action);
        parameters.put("tasks", List.of(task("atelier_sud", TaskStatus.SUCCEEDED, null)));
        parameters.put("backup", true);
        parameters.put("template", null);
        parameters.put("failedCanaries", List.of());
        parameters.put("failedLeftOut", failedLeftOut);
        parameters.put("tenantMerge", tenantMerge);
        parameters.put("notTested", null);
        return templates.render("deployment_confirm.jte", parameters);
    }

    private static TaskRecord task(String tenant, TaskStatus status, String error) {
        return new TaskRecord("d-7", TenantId.of(tenant), 1, 1, status, 1, Instant.EPOCH, Instant.EPOCH,
                status == TaskStatus.SUCCEEDED ? List.of("2025.11") : List.of(), error == null ? null : ErrorCode.SQL_ERROR,
                error, "", null, null, error == null ? null : "2025.11", null, null);
    }
}
