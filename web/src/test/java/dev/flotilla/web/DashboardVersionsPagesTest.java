package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.web.auth.Role;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's "By current version" names the tenants without a version for what they are: a tenant rolled back to
 * nothing, or failed on its first migration, has been read (it has no version), unlike one no command has read yet.
 */
class DashboardVersionsPagesTest {
    private final Templates templates = new Templates();

    @Test
    void tenants_read_with_no_version_are_not_called_not_seen_yet() {
        String row = versionRows(Map.of("rolled-back", 1, "up-to-date", 3));

        assertThat(row).contains("(none applied)").doesNotContain("not seen yet").doesNotContain("not read yet");
    }

    @Test
    void tenants_not_read_yet_are_said_to_be_possibly_among_those_without_a_version() {
        assertThat(versionRows(Map.of("unknown", 2, "up-to-date", 3))).contains("(none applied, or not read yet)");
    }

    private String versionRows(Map<String, Integer> byStatus) {
        Map<String, Integer> byVersion = new HashMap<>();
        byVersion.put(null, 1);
        byVersion.put("2025.11", 3);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        parameters.put("total", 4);
        parameters.put("byStatus", byStatus);
        parameters.put("byVersion", byVersion);
        parameters.put("failed", List.of());
        parameters.put("failedVerification", List.of());
        parameters.put("running", List.of());
        parameters.put("drift", Map.of());
        parameters.put("drifted", List.of());
        parameters.put("recent", List.of());
        String page = templates.render("dashboard.jte", parameters);
        return page.substring(page.indexOf("<h2>By current version</h2>"), page.indexOf("<h2>Running deployments</h2>"));
    }
}
