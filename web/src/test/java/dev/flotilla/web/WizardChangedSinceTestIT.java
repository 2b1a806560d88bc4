package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wizard's confirmation warns, before the deploy is asked for, of a tenant it would migrate that a deployment changed
 * since the test started (the rule {@link dev.flotilla.run.ChangedSinceDryRun} refuses the deploy by): which tenant, since
 * when, and "Test again" as the way out, with no deploy button; a deploy asked for all the same is refused as the page said. The demo's fleet: V1 applied
 * everywhere, V2 and V3 pending.
 */
class WizardChangedSinceTestIT extends ConsoleOverHttp {
    @Test
    void the_confirmation_names_the_tenant_changed_since_the_test_and_the_deploy_is_refused_as_it_says() throws Exception {
        String session = adminSession();
        form(session, "/wizard/files", "version=3");
        form(session, "/wizard/tenants/toggle", "id=default&selected=on");
        form(session, "/wizard/tenants/toggle", "id=bistro_lumiere&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        String before = get("/wizard/confirm", null, session).body();
        deployedToDefault(demo.accounts.createToken("admin", "ci"), "2");

        String confirm = get("/wizard/confirm", null, session).body();
        HttpResponse<String> deploy = form(session, "/wizard/deploy", "");

        assertThat(before).as("nothing changed yet").doesNotContain("confirm-changed-since-test");
        String warning = confirm.substring(confirm.indexOf("id=\"confirm-changed-since-test\""));
        warning = warning.substring(0, warning.indexOf("</div>"));
        assertThat(warning).contains("This test no longer holds: 1 tenant(s) changed (a deployment, rollback, restore or"
                + " repair) since the test (dry run ", ") started at ", "a deploy after it would be refused",
                "<li><strong>default</strong>: changed at ", "<a href=\"/wizard/test\">Test step (3)</a>").containsPattern("started at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC")
                .doesNotContain("bistro_lumiere");
        assertThat(confirm).as("no deploy offered after a test that no longer holds").doesNotContain("id=\"confirm-deploy\"")
                .contains("action=\"/wizard/test/again\"", "id=\"test-again\"");
        assertThat(before).contains("id=\"confirm-deploy\"").doesNotContain("test-again");
        assertThat(deploy.statusCode()).as("asked for all the same: " + deploy.body()).isEqualTo(409);
        assertThat(deploy.body()).contains("since dry run", "default");
    }
}
