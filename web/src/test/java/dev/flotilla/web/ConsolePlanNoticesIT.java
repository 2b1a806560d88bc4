package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What `flotilla plan` notices, through the API's plan: three tenants with tables but no history table yet, alike, in
 * one line naming one baseline and one adopt for all three; a tenant whose database file does not exist yet on its own;
 * a tenant with nothing to notice in none.
 */
class ConsolePlanNoticesIT extends ConsoleOverHttp {
    static final List<String> LEGACY = List.of("legacy_a", "legacy_b", "legacy_c");

    /** Three tenants registered on databases that hold a table each but no history; one whose file is not made yet. */
    static void registerNoticedTenants(DemoConsole demo, Path home) throws Exception {
        for (String id : LEGACY) {
            demo.fleet.plane().tenants().add(new Tenant(TenantId.of(id), id, null, null, List.of("legacy")));
            try (Connection made = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("tenants").resolve(id + ".db"));
                 Statement statement = made.createStatement()) {
                statement.execute("CREATE TABLE legacy_notes (id INTEGER)");
            }
        }
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("newcomer"), "Newcomer", null, null, List.of("legacy")));
    }

    @Test
    void the_apis_plan_says_the_notices_as_plan_does_alike_targets_in_one_line_with_their_commands() throws Exception {
        registerNoticedTenants(demo, folder);
        String token = demo.accounts.createToken("victor", "ci");

        HttpResponse<String> plan = get("/api/v1/plan?tenants=default,legacy_a,legacy_b,legacy_c,newcomer", token);

        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode json = json(plan);
        assertThat(json.path("tenants").findValuesAsText("id")).containsExactly("default", "legacy_a", "legacy_b",
                "legacy_c", "newcomer");
        assertThat(json.path("tenants").get(0).path("notice").isNull()).as("default has nothing to notice").isTrue();
        assertThat(json.path("tenants").get(1).path("pendingVersions").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
        JsonNode notices = json.path("notices");
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0).path("tenants").toString()).isEqualTo("[\"legacy_a\",\"legacy_b\",\"legacy_c\"]");
        assertThat(notices.get(0).path("grouped").asBoolean()).isTrue();
        assertThat(notices.get(0).path("message").asText()).startsWith("legacy_a, legacy_b, legacy_c, alike (3 tenant(s);"
                + " as legacy_a's reads): ").contains("has 1 table(s) but no history table tenant_migrations yet");
        assertThat(notices.get(0).path("commands").toString()).isEqualTo("[\"flotilla baseline --tenants"
                + " legacy_a,legacy_b,legacy_c --version V\",\"flotilla adopt --tenants legacy_a,legacy_b,legacy_c --from"
                + " laravel|table:NAME\"]");
        assertThat(notices.get(1).path("tenants").toString()).isEqualTo("[\"newcomer\"]");
        assertThat(notices.get(1).path("grouped").asBoolean()).isFalse();
        assertThat(notices.get(1).path("message").asText()).contains("does not exist yet");
        assertThat(plan.body()).doesNotContain(TENANCY_SECRET);
    }

    @Test
    void the_apis_plan_takes_a_group_and_refuses_a_choice_made_two_ways() throws Exception {
        registerNoticedTenants(demo, folder);
        String token = demo.accounts.createToken("victor", "ci");

        HttpResponse<String> group = get("/api/v1/plan?group=legacy", token);
        HttpResponse<String> twoWays = get("/api/v1/plan?group=legacy&all=true", token);

        assertThat(json(group).path("tenants").findValuesAsText("id")).containsExactly("legacy_a", "legacy_b", "legacy_c",
                "newcomer");
        assertThat(twoWays.statusCode()).isEqualTo(400);
        assertThat(json(twoWays).path("detail").asText()).contains("Choose tenants one way");
    }
}
