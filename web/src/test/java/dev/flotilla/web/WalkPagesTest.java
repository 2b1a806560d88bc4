package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.wizard.WizardDraft;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a walk through the console's pages found said badly: each page says what happened, and who may do what. */
class WalkPagesTest {
    private final Templates templates = new Templates();

    @Test
    void a_tenant_page_says_a_dry_run_that_found_nothing_to_apply_so_rather_than_naming_no_versions() {
        Map<String, Object> parameters = tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"), "", "success",
                null, null, null));

        String page = templates.render("tenant.jte", parameters);
        String dryRun = page.substring(page.indexOf("<h2>Last dry run</h2>"), page.indexOf("<h2>Last checks</h2>"));

        assertThat(dryRun).doesNotContain("versions ·").contains("nothing to apply", ">success</span>");
    }

    @Test
    void a_tenant_page_names_the_versions_its_dry_run_ran() {
        String page = templates.render("tenant.jte", tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"),
                "2,3", "success", null, null, null)));

        assertThat(page).contains("versions 2,3 · <span class=\"ok\">success</span>");
    }

    @Test
    void a_tenant_page_says_where_to_read_why_a_command_line_dry_run_recorded_before_errors_were_kept_failed() {
        String page = templates.render("tenant.jte", tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"),
                "2", "error", null, null, null)));
        String dryRun = page.substring(page.indexOf("<h2>Last dry run</h2>"), page.indexOf("<h2>Last checks</h2>"));

        assertThat(dryRun).contains(">error</span>", "why it failed is not kept", "flotilla dry-run --tenants acme",
                "Test step");
        assertThat(templates.render("tenant.jte", tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"),
                "2", "success", null, null, null)))).doesNotContain("why it failed is not kept");
    }

    @Test
    void a_tenant_page_says_why_its_dry_run_was_a_warning() {
        String page = templates.render("tenant.jte", tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"),
                "2", "warning", null, null, null, "The target has tables but no history table yet\n[lock-risk] ALTER TABLE locks")));
        String dryRun = page.substring(page.indexOf("<h2>Last dry run</h2>"), page.indexOf("<h2>Last checks</h2>"));

        assertThat(dryRun).contains(">warning</span>", "id=\"tenant-dry-run-warning\"", "A warning because of:",
                "The target has tables but no history table yet\n[lock-risk] ALTER TABLE locks");
        assertThat(templates.render("tenant.jte", tenantPage(new DryRunStore.LastDryRun(Instant.parse("2026-12-01T10:00:00Z"),
                "2", "success", null, null, null)))).doesNotContain("tenant-dry-run-warning");
    }

    @Test
    void a_viewer_at_the_test_step_is_told_which_roles_may_run_the_test() {
        WizardDraft draft = new WizardDraft();
        draft.choose(List.of("2"));
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        parameters.put("draft", draft);
        parameters.put("job", null);

        String page = templates.render("wizard_test.jte", parameters);

        assertThat(page).contains("Your role (viewer) may not run tests", "operator", "platform_super_admin")
                .doesNotContain("id=\"run-test\"");
    }

    private static Map<String, Object> tenantPage(DryRunStore.LastDryRun dryRun) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        parameters.put("tenant", new TenantRecord(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()), "up-to-date", "3",
                null, 0, null, null, Instant.parse("2026-12-01T10:00:00Z")));
        parameters.put("target", "jdbc:postgresql://db/app (schema acme)");
        parameters.put("history", List.of());
        parameters.put("historyError", null);
        parameters.put("dryRun", dryRun);
        parameters.put("test", null);
        parameters.put("verification", null);
        parameters.put("drift", null);
        parameters.put("backups", List.of());
        return parameters;
    }
}
