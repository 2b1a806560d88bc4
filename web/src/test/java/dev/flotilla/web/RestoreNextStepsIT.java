package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After a restore, seed 002's checklist goes on: verify the tenants, then see where they stand. The console's restore
 * page offers those next steps for the tenants it restored, as {@code flotilla restore} names the commands.
 */
class RestoreNextStepsIT extends ConsoleOverHttp {
    @Test
    void a_finished_restore_offers_to_run_the_checks_and_the_drift_check_on_the_restored_tenants() throws Exception {
        String deployment = deployedToDefault(demo.accounts.createToken("admin", "ci"), "2");
        String admin = adminSession();

        HttpResponse<String> restore = form(admin, "/tenants/default/restore", "backup=" + deployment);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        String result = get(restore.headers().firstValue("Location").orElseThrow(), null, admin).body();

        assertThat(result).contains("<span class=\"ok\">restored</span>", "id=\"restore-next\"",
                "<input type=\"hidden\" name=\"tenants\" value=\"default\"><button type=\"submit\" id=\"restore-verify\">Run checks now</button>",
                "id=\"restore-drift\"", "what is pending on it again");
    }

    @Test
    void a_console_rollback_page_says_what_it_undid_rather_than_applied() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployment = deployedToDefault(token, "2");
        HttpResponse<String> rollback = form(adminSession(), "/deployments/" + deployment + "/rollback", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();

        String page = get(rollback.headers().firstValue("Location").orElseThrow(), null, adminSession()).body();

        assertThat(page).contains("<p id=\"deployment-applied\">Undone: version 2 on 1 tenant(s)").doesNotContain("Applied: ");
    }
}
