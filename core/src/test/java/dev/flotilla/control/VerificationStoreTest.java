package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last examination of a check a verify skips, as the standing failure of a tenant is read back. */
class VerificationStoreTest {
    private static final TenantId GLOBEX = TenantId.of("globex");

    @TempDir
    Path home;

    @Test
    void a_check_reported_twice_in_one_examination_counts_as_failed_when_either_result_failed() {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            // In a shared schema row-counts reports on the tables all tenants share, then on the tenant's own rows.
            plane.verifications().record(GLOBEX, "d1", "deploy", List.of(
                    new CheckResult("row-counts", CheckStatus.PASSED, "data loss: 0 rows in the tables without tenant_id",
                            List.of(), 0),
                    new CheckResult("row-counts", CheckStatus.FAILED, "1 problem(s)",
                            List.of("events: 2 row(s) of globex before, 1 after (1 lost)"), 0)));

            var examined = plane.verifications().lastExamined(GLOBEX, Set.of("row-counts"), 50).get("row-counts");

            assertThat(examined.result().status()).isEqualTo(CheckStatus.FAILED);
            assertThat(examined.result().problems()).containsExactly("events: 2 row(s) of globex before, 1 after (1 lost)");
            assertThat(examined.deployment()).isEqualTo("d1");
        }
    }
}
