package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.view.Format;
import dev.flotilla.web.view.Layout;
import dev.flotilla.web.view.Paging;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pages of a fleet just registered, before any plan, status or deployment: what they show must say what it means
 * and what to do next, not leave a bare word or an empty table.
 */
class FirstRunPagesTest {
    private final Templates templates = new Templates();

    static Layout layoutOf(Role role) {
        return new Layout("Page", "dashboard", new Principal("someone", role, "session", "csrf", "test"));
    }

    @Test
    void the_first_run_dashboard_says_what_unknown_means_and_that_no_deployment_ran_yet() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("layout", layoutOf(Role.VIEWER));
        parameters.put("total", 6);
        parameters.put("byStatus", Map.of("unknown", 6));
        parameters.put("byVersion", Map.of());
        parameters.put("failed", List.of());
        parameters.put("failedVerification", List.of());
        parameters.put("running", List.of());
        parameters.put("drift", Map.of());
        parameters.put("drifted", List.of());
        parameters.put("recent", List.of());

        String page = templates.render("dashboard.jte", parameters);

        assertThat(page).contains("<header>unknown</header>", "Not checked yet", "flotilla plan --all",
                "flotilla status --fleet --live");
        assertThat(page).as("the console's own ways first").contains("each <a href=\"/tenants\">tenant's page</a> shows its live"
                + " history", "a deploy from the <a href=\"/wizard/files\">Migration wizard</a> records the tenants it migrates",
                "or read them all now", "<button type=\"submit\" id=\"read-unknown\">Read them now</button>");
        String recent = page.substring(page.indexOf("<h2>Recent deployments</h2>"));
        assertThat(recent).contains("id=\"no-deployments\"", "None yet").doesNotContain("<table");
    }

    @Test
    void the_tenant_list_says_never_for_a_tenant_not_checked_since_it_was_registered_as_status_fleet_does() {
        java.time.Instant registered = java.time.Instant.parse("2026-01-05T10:00:00Z");
        java.time.Instant planned = java.time.Instant.parse("2026-01-06T11:30:00Z");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("layout", layoutOf(Role.VIEWER));
        parameters.put("tenants", List.of(record("acme", TenantRecord.NEVER_READ, registered), record("globex", "up-to-date", planned)));
        parameters.put("paging", new Paging(1, 50, 2));
        parameters.put("q", "");
        parameters.put("group", "");
        parameters.put("groups", List.of());

        String page = templates.render("tenants.jte", parameters);

        assertThat(page).contains("<th>Checked</th>").doesNotContain("<th>Updated</th>");
        assertThat(row(page, "acme")).as("its registration is no check of its target").contains("<td>never</td>")
                .doesNotContain(Format.time(registered));
        assertThat(row(page, "globex")).contains("<td>" + Format.time(planned) + "</td>");
    }

    private static TenantRecord record(String id, String status, java.time.Instant updatedAt) {
        return new TenantRecord(new Tenant(TenantId.of(id), id, null, id, List.of()), status, null, null, null, null, null, updatedAt);
    }

    /** The table row of tenant {@code id}. */
    private static String row(String page, String id) {
        int start = page.lastIndexOf("<tr>", page.indexOf("href=\"/tenants/" + id + "\""));
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
