package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a dry run on a clone did not test, said as it was run: with no rows, or with a sample of them. */
class DryRunCloneNoteTest {
    @Test
    void a_structure_only_clone_names_sample_rows_as_the_way_to_test_rows() {
        assertThat(DryRunReports.notTestedOnAClone(0)).startsWith("structure only, without any row")
                .contains("NOT NULL, a check or a foreign key over existing rows is not tested", "--sample-rows N copies");
    }

    @Test
    void a_sampled_clone_says_what_it_tested_on_the_sample_and_does_not_offer_the_sample_again() {
        String note = DryRunReports.notTestedOnAClone(100);

        assertThat(note).startsWith("the structure with at most 100 row(s) per table")
                .contains("NOT NULL, a check or a foreign key is tested over the rows copied only")
                .doesNotContain("--sample-rows N copies").doesNotContain("over existing rows is not tested");
    }
}
