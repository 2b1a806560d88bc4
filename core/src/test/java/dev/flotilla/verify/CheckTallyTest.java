package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTallyTest {
    private static CheckResult result(String id, CheckStatus status) {
        return new CheckResult(id, status, "", List.of(), 0);
    }

    @Test
    void says_how_many_checks_passed_and_were_skipped_or_which_failed_of_how_many() {
        CheckResult passed = result("tenant-column", CheckStatus.PASSED);
        CheckResult skipped = result("rls-enabled", CheckStatus.SKIPPED);
        CheckResult orphans = result("fk-orphans", CheckStatus.FAILED);

        assertThat(CheckTally.of(List.of(passed)).text()).isEqualTo("1 check passed");
        assertThat(CheckTally.of(List.of(passed, passed, skipped)).text()).isEqualTo("2 checks passed, 1 skipped");
        assertThat(CheckTally.of(List.of(skipped)).text()).isEqualTo("1 check skipped");
        assertThat(CheckTally.of(List.of(passed, orphans, skipped, orphans)).text())
                .as("fk-orphans of the shared tables and of the tenant's own rows: two results, one check named")
                .isEqualTo("2 of 4 checks failed: fk-orphans");
    }
}
