package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.run.DriftReport;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.run.TenantVerification;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's Verify and Drift results say a tenant whose server refused its login "refused", as the command line does,
 * not "error" or "unreachable".
 */
class RefusedLoginPagesTest {
    private static final String REFUSAL = "Authentication failed for user 'globex' on db (schema globex) (SQLSTATE 28P01):"
            + " password authentication failed. Check the user and the password read from the environment variable"
            + " GLOBEX_DB_PASSWORD (tenant globex). The tenant logs in with a login of its own: set the right password where"
            + " it is read, or change the login with `flotilla tenants set-credentials globex --user USER --password-env VAR`.";
    private final FinishedJobPages pages = new FinishedJobPages();

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void a_verify_says_a_tenant_whose_login_was_refused_refused_with_whose_login_to_fix() throws Exception {
        List<TenantVerification> results = List.of(
                new TenantVerification(TenantId.of("acme"), "db (schema acme)", List.of(new CheckResult("fk-rules",
                        CheckStatus.PASSED, "ok", List.of(), 3)), null, null),
                new TenantVerification(TenantId.of("globex"), "db (schema globex)", List.of(), ErrorCode.AUTHENTICATION_FAILED,
                        REFUSAL),
                new TenantVerification(TenantId.of("initech"), "db (schema initech)", List.of(), ErrorCode.TARGET_MISSING,
                        "The schema initech does not exist."),
                new TenantVerification(TenantId.of("hooli"), "db (schema hooli)", List.of(), ErrorCode.LOCK_TIMEOUT,
                        "Could not lock db (schema hooli) within 5s."),
                new TenantVerification(TenantId.of("umbrella"), "other (schema umbrella)", List.of(),
                        ErrorCode.CONNECTION_FAILED, "Cannot connect to other (schema umbrella): connection refused."));

        String page = pages.render("verify_result.jte", pages.finished(results.stream().map(TenantVerification::tenant).toList(),
                results));

        assertThat(row(page, "acme")).contains("class=\"ok\">passed<");
        assertThat(row(page, "globex")).contains("class=\"bad\">refused<", "flotilla tenants set-credentials globex");
        assertThat(row(page, "initech")).as("checks that could not run otherwise").contains("class=\"bad\">error<");
        assertThat(row(page, "hooli")).as("as plan says it").contains("class=\"bad\">locked<");
        assertThat(row(page, "umbrella")).contains("class=\"bad\">unreachable<");
    }

    @Test
    void a_drift_check_counts_a_tenant_whose_login_was_refused_refused_not_unreachable() throws Exception {
        List<TenantDrift> tenants = List.of(
                new TenantDrift(TenantId.of("acme"), "db (schema acme)", TenantDrift.Status.CLEAN, "f1", "f1", null, null, null),
                new TenantDrift(TenantId.of("globex"), "db (schema globex)", TenantDrift.Status.UNREACHABLE, null, null, null,
                        REFUSAL, ErrorCode.AUTHENTICATION_FAILED),
                new TenantDrift(TenantId.of("initech"), "db (schema initech)", TenantDrift.Status.UNREACHABLE, null, null, null,
                        "Cannot connect to db (schema initech).", ErrorCode.CONNECTION_FAILED));

        String page = pages.render("drift_result.jte", pages.finished(tenants.stream().map(TenantDrift::tenant).toList(),
                new DriftReport(tenants, List.of(), 0, 5)));

        String counts = page.substring(page.indexOf("id=\"drift-counts\">"), page.indexOf("</strong>"));
        assertThat(counts).contains("3 tenant(s): 0 drifted, 1 clean, 0 unknown, 1 unreachable, 1 refused");
        assertThat(row(page, "globex")).contains("class=\"bad\">refused<");
    }

    private static String row(String page, String tenant) {
        String start = page.substring(page.indexOf("<tr data-tenant=\"" + tenant + "\""));
        return start.substring(0, start.indexOf("</tr>"));
    }
}
