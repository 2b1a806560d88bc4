package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Error cell of {@code status --fleet}: a long error shortened to what failed, why, and what to do. */
class FleetStatusErrorCellTest {
    private static final String FAILED = "V3__invoices.sql failed at statement 1 of 2 (line 1) on"
            + " jdbc:postgresql://127.0.0.1:5432/test (schema flp_c) (SQLSTATE 42P07): ERROR: relation \"invoices\" already"
            + " exists.";
    private static final String REMEDY = "Drop it there if it is a leftover, and run again (`flotilla deploy"
            + " --retry-failed d-1`).";
    private static final String NOTICE = " Notice: jdbc:postgresql://127.0.0.1:5432/test (schema flp_c) has 1 table(s) but"
            + " no history table tenant_migrations yet: migrating from the first pending migration. If the schema already"
            + " has some migrations, record them first with `flotilla baseline --tenants c --version V`.";

    @Test
    void keeps_the_database_message_and_the_errors_own_remedy_not_the_notice_that_follows_it() {
        String cell = FleetStatus.shortened(FAILED + " Nothing of it was kept: the transaction was rolled back. " + REMEDY
                + NOTICE);

        assertThat(cell).isEqualTo(FAILED + " ... " + REMEDY);
    }

    @Test
    void keeps_the_database_message_when_the_remedy_is_too_long_to_show() {
        String cell = FleetStatus.shortened(FAILED + " Then " + "x".repeat(300) + ".");

        assertThat(cell).isEqualTo(FAILED + " ...");
    }

    @Test
    void a_short_error_with_its_notice_is_shown_whole() {
        String error = "V1__a.sql failed. Notice: x has 1 table(s).";

        assertThat(FleetStatus.shortened(error)).isEqualTo(error);
    }
}
