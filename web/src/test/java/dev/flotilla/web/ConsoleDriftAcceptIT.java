package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import dev.flotilla.tenant.TenantId;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Accepting a drifted tenant's live schema from the Drift page, over real HTTP: the action and its confirmation for a
 * platform super admin only, the acceptance recorded and audited, and the check's page showing the tenant accepted.
 */
class ConsoleDriftAcceptIT extends ConsoleOverHttp {
    @Test
    void a_super_admin_accepts_a_drifted_tenant_from_the_drift_page_after_a_confirmation_and_an_operator_may_not() throws Exception {
        onTenant("default", "CREATE INDEX hotfix ON staff (email)");
        String admin = adminSession();
        String operator = signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        String check = checked(admin, "tenants=default%2C+atelier_nord");

        String adminPage = get(check, null, admin).body();
        String operatorPage = get(check, null, operator).body();
        HttpResponse<String> operatorConfirm = get(check + "/accept/default", null, operator);
        HttpResponse<String> operatorAccept = form(operator, check + "/accept/default", "");
        HttpResponse<String> clean = get(check + "/accept/atelier_nord", null, admin);
        HttpResponse<String> confirm = get(check + "/accept/default", null, admin);
        assertThat(demo.fleet.plane().acceptances().find(TenantId.of("default"))).as("nothing accepted before the confirmation").isEmpty();
        HttpResponse<String> accept = form(admin, check + "/accept/default", "");
        String afterwards = get(check, null, admin).body();
        String checkedAgain = get(checked(admin, "tenants=default"), null, admin).body();

        assertThat(adminPage).contains("1 drifted", "href=\"" + check + "/accept/default\"", "id=\"accept-default\"")
                .doesNotContain("id=\"accept-atelier_nord\"");
        assertThat(operatorPage).contains("1 drifted").doesNotContain("accept-default");
        assertThat(operatorConfirm.statusCode()).isEqualTo(403);
        assertThat(operatorAccept.statusCode()).isEqualTo(403);
        assertThat(clean.statusCode()).isEqualTo(404);
        assertThat(clean.body()).contains("not among the drifted or unknown tenants");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"accept-confirm\"", "added index hotfix",
                "drift then compares default with this structure instead of the replay of its migrations",
                "until its history moves", "id=\"confirm-accept\"").as("its own database: no other tenant's")
                .doesNotContain("accept-shared", "also accepts");
        assertThat(accept.statusCode()).isEqualTo(303);
        assertThat(accept.headers().firstValue("Location")).hasValue(check + "#tenant-default");
        assertThat(afterwards).contains("id=\"accepted-default\"", "Live schema accepted by admin")
                .doesNotContain("id=\"accept-default\"");
        assertThat(checkedAgain).contains("1 tenant(s): 0 drifted, 1 clean", "Compared with the live schema admin accepted at");
        assertThat(demo.fleet.plane().acceptances().find(TenantId.of("default"))).hasValueSatisfying(a ->
                assertThat(a.acceptedBy()).isEqualTo("admin"));
        assertThat(demo.fleet.plane().audit().count(new AuditLog.Filter("admin", "drift-accept", null))).isEqualTo(1);
        assertThat(demo.fleet.plane().audit().count(new AuditLog.Filter("olivia", "denied", null))).isEqualTo(2);
    }

    /** Runs a drift check of the form's tenants from the Drift page; the address of its page once done. */
    private String checked(String session, String form) throws Exception {
        HttpResponse<String> started = form(session, "/drift", form);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        return started.headers().firstValue("Location").orElseThrow();
    }
}
