package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {
    private static final MigrationRun ONE = run("1", MigrationRun.Outcome.APPLIED);
    private static final MigrationRun TWO = run("2", MigrationRun.Outcome.SKIPPED);
    private static final MigrationRun THREE = run("3", MigrationRun.Outcome.APPLIED);
    private static final MigrationRun FOUR = run("4", MigrationRun.Outcome.FAILED);

    @Test
    void applied_are_the_migrations_that_ran_to_the_end_in_their_order_and_cannot_be_changed() {
        RunReport mixed = report(List.of(ONE, TWO, THREE, FOUR), List.of());
        RunReport all = report(List.of(ONE, THREE), List.of());

        assertThat(mixed.applied()).containsExactly(ONE, THREE);
        assertThat(all.applied()).containsExactly(ONE, THREE);
        assertThat(report(List.of(TWO), List.of()).applied()).isEmpty();
        assertThatThrownBy(() -> mixed.applied().add(TWO)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> all.applied().add(TWO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_run_is_ok_without_problems_and_failed_migrations() {
        assertThat(report(List.of(ONE, TWO), List.of()).ok()).isTrue();
        assertThat(report(List.of(), List.of()).ok()).isTrue();
        assertThat(report(List.of(ONE, FOUR), List.of()).ok()).isFalse();
        assertThat(report(List.of(ONE), List.of(new Problem(ErrorCode.CHECKSUM_MISMATCH, "changed", "1"))).ok()).isFalse();
    }

    private static RunReport report(List<MigrationRun> migrations, List<Problem> problems) {
        return new RunReport("migrate", "db", "postgresql", migrations, List.of(), problems, 5);
    }

    private static MigrationRun run(String version, MigrationRun.Outcome outcome) {
        return new MigrationRun(version, "m" + version, "V" + version + "__m.sql", MigrationKind.VERSIONED, outcome, true,
                List.of(), 1, null, null, null);
    }
}
