package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.view.Layout;
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
        String recent = page.substring(page.indexOf("<h2>Recent deployments</h2>"));
        assertThat(recent).contains("id=\"no-deployments\"", "None yet").doesNotContain("<table");
    }
}
