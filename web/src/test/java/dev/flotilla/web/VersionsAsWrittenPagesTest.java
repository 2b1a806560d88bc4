package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console shows a Laravel-style version as its file writes it ({@code 2025.10.01.060201}, {@code 2025_11_01_000000}),
 * as the administrator searches logs and repositories for it, not as the canonical {@code 2025.10.1.60201}.
 */
class VersionsAsWrittenPagesTest {
    private final Templates templates = new Templates();
    private final Migration applied = file("V2025.10.01.060201__a.sql", "2025.10.01.060201", "a");
    private final Migration pending = file("2025_11_01_000000_b.sql", "2025_11_01_000000", "b");

    @Test
    void a_tenant_page_shows_its_version_its_history_and_its_last_dry_run_as_the_files_write_them() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        parameters.put("tenant", new TenantRecord(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()), "pending",
                "2025.10.1.60201", null, 1, null, null, Instant.parse("2026-12-01T10:00:00Z")));
        parameters.put("target", "jdbc:postgresql://db/app (schema acme)");
        parameters.put("history", List.of(new MigrationStatus(applied, null, MigrationState.APPLIED),
                new MigrationStatus(pending, null, MigrationState.PENDING)));
        parameters.put("historyError", null);
        parameters.put("dryRun", new dev.flotilla.control.DryRunStore.LastDryRun(Instant.parse("2026-12-01T09:00:00Z"),
                "2025.10.1.60201,2025.11.1", "success", null, null, null));
        parameters.put("test", null);
        parameters.put("verification", null);
        parameters.put("drift", null);
        parameters.put("backups", List.of());
        parameters.put("versions", files());

        String page = templates.render("tenant.jte", parameters);

        assertThat(page).contains("<span id=\"tenant-version\">2025.10.01.060201</span>",
                "<tr><td>2025.10.01.060201</td><td>a</td>", "<tr><td>2025_11_01_000000</td><td>b</td>",
                "versions 2025.10.01.060201,2025_11_01_000000")
                .doesNotContain("2025.10.1.60201", "2025.11.1<");
    }

    @Test
    void the_dashboard_and_the_tenant_list_show_current_versions_as_the_files_write_them() {
        Map<String, Object> dashboard = new HashMap<>();
        dashboard.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        dashboard.put("total", 3);
        dashboard.put("byStatus", Map.of("pending", 3));
        dashboard.put("byVersion", Map.of("2025.10.1.60201", 3));
        for (String empty : List.of("failed", "failedVerification", "running", "drifted", "recent")) {
            dashboard.put(empty, List.of());
        }
        dashboard.put("drift", Map.of());
        dashboard.put("versions", files());
        Map<String, Object> list = new HashMap<>();
        list.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        list.put("tenants", List.of(new TenantRecord(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()),
                "pending", "2025.10.1.60201", null, 1, null, null, Instant.parse("2026-12-01T10:00:00Z"))));
        list.put("paging", dev.flotilla.web.view.Paging.of("1", 50, 1));
        list.put("q", "");
        list.put("group", "");
        list.put("groups", List.of());
        list.put("versions", files());

        assertThat(templates.render("dashboard.jte", dashboard)).contains("<tr><td>2025.10.01.060201</td><td>3</td></tr>")
                .doesNotContain("2025.10.1.60201");
        assertThat(templates.render("tenants.jte", list)).contains("<td>2025.10.01.060201</td>").doesNotContain("2025.10.1.60201");
    }

    @Test
    void the_wizard_s_tenant_step_shows_current_versions_as_the_files_write_them() {
        dev.flotilla.web.wizard.WizardDraft draft = new dev.flotilla.web.wizard.WizardDraft();
        draft.choose(List.of("2025.11.1"), List.of("2025_11_01_000000_b.sql"));
        Map<String, Object> step = new HashMap<>();
        step.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        step.put("tenants", List.of(new TenantRecord(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()),
                "pending", "2025.10.1.60201", null, 1, null, null, Instant.parse("2026-12-01T10:00:00Z"))));
        step.put("paging", dev.flotilla.web.view.Paging.of("1", 50, 1));
        step.put("q", "");
        step.put("group", "");
        step.put("groups", List.of());
        step.put("draft", draft);
        step.put("registered", 1);
        step.put("versions", files());

        assertThat(templates.render("wizard_tenants.jte", step)).contains("<td>pending</td><td>2025.10.01.060201</td>")
                .doesNotContain("2025.10.1.60201");
    }

    @Test
    void a_rollback_s_and_a_resume_s_confirmations_show_the_versions_they_undo_or_failed_at_as_the_files_write_them() {
        TaskRecord undone = new TaskRecord("d-7", TenantId.of("acme"), 1, 1, TaskStatus.SUCCEEDED, 1, Instant.EPOCH,
                Instant.EPOCH, List.of("2025.10.1.60201", "2025.11.1"), null, null, "", null, null, null, null, null);
        TaskRecord failed = new TaskRecord("d-7", TenantId.of("globex"), 1, 1, TaskStatus.FAILED, 1, Instant.EPOCH,
                Instant.EPOCH, List.of(), dev.flotilla.ErrorCode.SQL_ERROR, "boom", "", null, null, "2025.11.1", null, null);

        assertThat(confirmation(DeploymentAction.ROLLBACK, undone)).contains("<td>2025_11_01_000000, 2025.10.01.060201</td>")
                .doesNotContain("2025.10.1.60201", "2025.11.1");
        assertThat(confirmation(DeploymentAction.RESUME, failed))
                .contains("<span class=\"failed-migration\">migration 2025_11_01_000000</span>").doesNotContain("2025.11.1");
    }

    private String confirmation(DeploymentAction action, TaskRecord task) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("deployment", new DeploymentRecord("d-7", DeploymentStatus.FAILED, Instant.EPOCH, Instant.EPOCH,
                "admin", "host", "", 2, 1, 1, 0, 0, "deploy", null, null, null, null));
        parameters.put("action", action);
        parameters.put("tasks", List.of(task));
        parameters.put("backup", true);
        parameters.put("template", null);
        parameters.put("failedCanaries", List.of());
        parameters.put("failedLeftOut", List.of());
        parameters.put("tenantMerge", dev.flotilla.web.fleet.RollbackMergeWarning.NONE);
        parameters.put("notTested", null);
        parameters.put("versions", files());
        return templates.render("deployment_confirm.jte", parameters);
    }

    private dev.flotilla.migration.VersionSpellings files() {
        return new LoadedMigrations(List.of(applied, pending), List.of()).spellings();
    }

    private static Migration file(String script, String version, String description) {
        return new Migration(MigrationVersion.parse(version), description, script, MigrationKind.VERSIONED, "c" + version,
                "CREATE TABLE " + description + " (id INT);\n", null);
    }
}
