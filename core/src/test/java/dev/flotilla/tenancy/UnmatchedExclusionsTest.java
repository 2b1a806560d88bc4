package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.ConfiguredNames;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnmatchedExclusionsTest {
    private static final List<String> TABLES = List.of("customers", "settings", "a.b");
    private static final ConfiguredNames KEEP = ConfiguredNames.QUOTED_KEEP_CASE;

    @Test
    void a_name_quoted_whole_with_either_quote_matches_its_table_in_its_case_and_a_plain_one_whatever_the_case() {
        assertThat(UnmatchedExclusions.warnings(List.of("\"settings\"", "`a.b`", "Customers"), TABLES, "db", KEEP)).isEmpty();
        assertThat(UnmatchedExclusions.warnings(List.of("`A.B`"), TABLES, "db", KEEP)).singleElement().asString()
                .contains("--exclude `A.B`: db has no table of that name", "(did you mean a.b?)");
    }

    @Test
    void an_unmatched_quoted_name_is_still_reported_as_written_with_the_table_it_is_close_to() {
        assertThat(UnmatchedExclusions.warnings(List.of("`costumers`", "\"countries\""), TABLES, "db", KEEP)).containsExactly(
                "--exclude `costumers`: db has no table of that name, so nothing is excluded by it (did you mean"
                        + " customers?). Check the name before applying the migration.",
                "--exclude \"countries\": db has no table of that name, so nothing is excluded by it. Check the name before"
                        + " applying the migration.");
    }

    @Test
    void an_adoption_excludes_a_table_named_with_either_quote() {
        AdoptionRequest request = AdoptionRequest.of("tenant_id", "acme").excluding(Set.of("`settings`", "\"a.b\""));

        assertThat(request.excludes("settings", KEEP)).isTrue();
        assertThat(request.excludes("Settings", KEEP)).as("a quoted name keeps its case").isFalse();
        assertThat(request.excludes("a.b", KEEP)).isTrue();
        assertThat(request.excludes("customers", KEEP)).isFalse();
    }

    @Test
    void a_quoted_name_matches_its_table_whatever_the_case_where_the_target_reads_quoted_names_so() {
        ConfiguredNames sqlite = new ConfiguredNames(false);

        assertThat(UnmatchedExclusions.warnings(List.of("\"Settings\""), TABLES, "db", sqlite)).isEmpty();
        assertThat(UnmatchedExclusions.warnings(List.of("\"Settings\""), TABLES, "db", KEEP)).singleElement().asString()
                .contains("(did you mean settings?)");
        assertThat(AdoptionRequest.of("tenant_id", "acme").excluding(Set.of("\"Settings\"")).excludes("settings", sqlite))
                .isTrue();
    }
}
