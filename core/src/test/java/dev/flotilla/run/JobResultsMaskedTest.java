package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a console keeps in memory of a fleet's drift check, verify and restore passes no control plane: each masks its
 * words with the scrub it is given (the plane's), leaving the rest as it was.
 */
class JobResultsMaskedTest {
    private static final String SECRET = "Pw-S3cretXyz";
    private static final UnaryOperator<String> SCRUB = text -> text.replace(SECRET, "****");

    @Test
    void a_drift_reports_reasons_and_groups_are_masked() {
        TenantDrift unknown = new TenantDrift(TenantId.of("acme"), "db", TenantDrift.Status.UNKNOWN, "f1", null, null,
                "the replay failed: '" + SECRET + "'", null, "accepted as " + SECRET);
        DriftReport report = DriftReport.of(List.of(unknown), 1, 5);

        DriftReport masked = report.masked(SCRUB);

        assertThat(masked.tenants()).singleElement().satisfies(t -> {
            assertThat(t.reason()).isEqualTo("the replay failed: '****'");
            assertThat(t.acceptance()).isEqualTo("accepted as ****");
            assertThat(t.fingerprint()).isEqualTo("f1");
        });
        assertThat(masked.groups()).singleElement().satisfies(g -> assertThat(g.outcome()).contains("'****'")
                .doesNotContain(SECRET));
        assertThat(masked.referencesBuilt()).isEqualTo(1);
    }

    @Test
    void a_verifications_checks_and_error_are_masked() {
        CheckResult check = new CheckResult("nothing-kept", dev.flotilla.verify.CheckStatus.FAILED, "1 row(s), first: " + SECRET,
                List.of("row " + SECRET), 3);
        TenantVerification verification = new TenantVerification(TenantId.of("acme"), "db", List.of(check),
                ErrorCode.CONNECTION_FAILED, "could not read " + SECRET);

        TenantVerification masked = verification.masked(SCRUB);

        assertThat(masked.error()).isEqualTo("could not read ****");
        assertThat(masked.results()).singleElement().satisfies(r -> {
            assertThat(r.message()).isEqualTo("1 row(s), first: ****");
            assertThat(r.problems()).containsExactly("row ****");
        });
    }

    @Test
    void a_restores_error_is_masked_and_a_restore_that_succeeded_stays_as_it_was() {
        TenantRestore failed = new TenantRestore(TenantId.of("acme"), "b.sql", ErrorCode.RESTORE_FAILED, "quoting " + SECRET);
        TenantRestore ok = new TenantRestore(TenantId.of("acme"), "b.sql", null, null);

        assertThat(failed.masked(SCRUB).error()).isEqualTo("quoting ****");
        assertThat(ok.masked(SCRUB)).isEqualTo(ok);
    }
}
