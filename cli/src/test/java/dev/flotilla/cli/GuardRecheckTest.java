package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.TenantMergeGuard;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard read again once the rollback's question is answered: the rollback runs when it says what it said before
 * (or less), and is refused when a schema changed while the question waited so that it says more, or refuses.
 */
class GuardRecheckTest {
    private static final String OFF = "db1: U2__rls.sql switches row-level security off on orders";
    private static final String VIEW = "db1: U2__rls.sql recreates the view mine without its filter";

    @Test
    void the_same_answer_or_a_shorter_one_lets_the_rollback_run() {
        assertThatCode(() -> GuardRecheck.refuseChanged(findings(OFF, VIEW), findings(VIEW, OFF))).doesNotThrowAnyException();
        assertThatCode(() -> GuardRecheck.refuseChanged(findings(OFF, VIEW), findings(OFF))).doesNotThrowAnyException();
    }

    @Test
    void a_notice_not_said_before_the_question_refuses_the_rollback_naming_it() {
        assertThatThrownBy(() -> GuardRecheck.refuseChanged(findings(OFF), findings(OFF, VIEW)))
                .isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.ROLLBACK_REFUSED))
                .hasMessageContaining("changed while the question waited").hasMessageContaining(VIEW)
                .hasMessageNotContaining(OFF).hasMessageContaining("Nothing was rolled back")
                .hasMessageContaining("run the command again");
    }

    @Test
    void a_target_that_no_longer_answers_refuses_the_rollback_as_before_the_question() {
        TenantMergeGuard.Findings unreadable = new TenantMergeGuard.Findings("tenant_id", List.of(),
                List.of(new TenantMergeGuard.Unchecked("db1", List.of("acme"), "CONNECTION_FAILED: refused")));

        assertThatThrownBy(() -> GuardRecheck.refuseChanged(findings(), unreadable)).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("could not be checked on 1 target(s): db1");
    }

    private static TenantMergeGuard.Findings findings(String... notices) {
        return new TenantMergeGuard.Findings("tenant_id", List.of(), List.of(), List.of(notices));
    }
}
