package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayFailureTest {
    private static final String VIEW_MISSING = "V3__report.sql failed at statement 1 of 1 (line 1) on jdbc:postgresql://db:5432/app"
            + " (schema flotilla_dry_1) (SQLSTATE 42P01): ERROR: relation \"legacy_totals\" does not exist.";
    private static final String NO_ROWS = "V2__seed.sql failed at statement 1 of 1 (line 1) on jdbc:mariadb://db:3306/flotilla_dry_1"
            + " (SQLSTATE 23000, error 1048): Column 'company_id' cannot be null.";

    @Test
    void a_file_needing_what_no_file_creates_is_told_to_baseline_unless_the_history_baselined_already() {
        assertThat(ReplayFailure.advice("acme", "V3__report.sql", VIEW_MISSING, null))
                .startsWith("V3__report.sql needs a table, view or column that no migration before it creates.")
                .contains("needs `flotilla baseline` before that migration is deployed", "flotilla drift --accept --tenants acme");
        assertThat(ReplayFailure.advice("acme", "V3__report.sql", VIEW_MISSING, "2"))
                .startsWith("V3__report.sql needs a table, view or column that neither the files baselined (up to version 2)"
                        + " nor the migrations after them create: it was made outside the migrations")
                .contains("flotilla drift --accept --tenants acme").doesNotContain("flotilla baseline");
    }

    @Test
    void a_file_failing_for_another_reason_is_not_told_to_baseline_but_to_fix_the_copy_or_accept() {
        for (String baseline : new String[] {null, "2"}) {
            assertThat(ReplayFailure.advice("acme", "V2__seed.sql", NO_ROWS, baseline))
                    .startsWith("V2__seed.sql fails on the empty copy for a reason other than a missing table")
                    .contains("where the reason is the copy's, fix it and check again",
                            "flotilla drift --accept --tenants acme")
                    .doesNotContain("flotilla baseline", "needs a table");
        }
    }

    @Test
    void each_databases_words_for_a_missing_table_are_read_as_one() {
        for (String said : new String[] {"(error 1): [SQLITE_ERROR] SQL error or missing database (no such table: companies).",
                "(SQLSTATE 42S02, error 1146): Table 'flotilla_dry_1.companies' doesn't exist.",
                "(SQLSTATE 42S02, error 42102): Table \"COMPANIES\" not found.", "(SQLSTATE 42703): column \"email\" does not exist."}) {
            assertThat(ReplayFailure.advice("acme", "V1__a.sql", said, null)).as(said).contains("needs a table, view or column");
        }
    }
}
