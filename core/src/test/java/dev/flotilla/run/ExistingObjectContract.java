package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import org.junit.jupiter.api.Test;

/**
 * A migration that creates what the target already has (a table made by hand, by another tool, or left by an earlier
 * attempt) fails on every dialect with the database's "already exists": the script is fine, the target differs, and the
 * message says so and what to do, rather than asking for the script to be fixed.
 */
interface ExistingObjectContract extends TargetRunnerFixture {
    /** Runs {@code sql} in the target's schema, as someone working on it by hand. */
    private void byHand(String sql) throws Exception {
        try (TargetSession session = TargetSession.open(target(), true)) {
            Jdbc.execute(session.connection(), sql);
        }
    }

    @Test
    default void a_table_the_target_already_has_is_said_to_be_there_not_blamed_on_the_script() throws Exception {
        byHand("CREATE TABLE alpha (id INT)");
        files().write("V1__alpha.sql", CREATE_A);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        String error = report.migrations().get(0).error();
        assertThat(error).contains("V1__alpha.sql failed at statement 1", "The target already has what the statement"
                + " creates (made there by hand or by another tool, or left by an earlier attempt): the script needs no"
                + " change.", "Drop it there if it is a leftover").doesNotContainIgnoringCase("fix the script");
        if (transactionalDdl()) {
            assertThat(error).contains("rolled back", "`flotilla baseline --version 1`");
        } else {
            assertThat(error).contains("`flotilla repair`", "`flotilla repair --mark-applied 1`");
        }
        assertThat(error.split("the script needs no change", -1)).as("said once").hasSize(2);
    }

    @Test
    default void a_table_there_after_applied_migrations_is_not_sent_to_baseline_which_refuses_a_history() throws Exception {
        files().write("V1__alpha.sql", CREATE_A);
        assertThat(flotilla().migrate().ok()).isTrue();
        byHand("CREATE TABLE beta (id INT)");
        files().write("V2__beta.sql", "CREATE TABLE beta (id INT);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        String error = report.migrations().get(0).error();
        assertThat(error).contains("V2__beta.sql failed at statement 1", "Drop it there if it is a leftover")
                .doesNotContain("baseline --version");
        if (transactionalDdl()) {
            assertThat(error).contains("its history table already records applied migrations",
                    "create it only where it is missing");
        } else {
            assertThat(error).contains("`flotilla repair --mark-applied 2`");
        }
    }

    @Test
    default void an_index_the_target_already_has_part_way_through_says_the_script_needs_no_change() throws Exception {
        files().write("V1__alpha.sql", CREATE_A);
        assertThat(flotilla().migrate().ok()).isTrue();
        byHand("CREATE INDEX by_name ON alpha (name)");
        files().write("V2__beta.sql", "CREATE TABLE beta (id INT);\nCREATE INDEX by_name ON alpha (name);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        String error = report.migrations().get(0).error();
        assertThat(error).contains("V2__beta.sql failed at statement 2", "already has what the statement creates")
                .doesNotContainIgnoringCase("fix the script");
    }
}
