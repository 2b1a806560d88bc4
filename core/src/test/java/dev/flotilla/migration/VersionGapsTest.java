package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionGapsTest {
    @Test
    void a_missing_number_in_a_sequence_is_named_once_between_its_neighbours_as_the_files_spell_them() {
        assertThat(VersionGaps.of(files("001_init.sql", "002_views.sql", "030_a.sql", "032_unify.sql", "033_b.sql")))
                .containsExactly("003 to 029 (27 versions) are missing between 002 and 030",
                        "031 is missing between 030 and 032");
    }

    @Test
    void two_missing_numbers_are_named_both() {
        assertThat(VersionGaps.of(files("V1__a.sql", "V2__b.sql", "V3__c.sql", "V6__d.sql")))
                .containsExactly("4 and 5 are missing between 3 and 6");
    }

    @Test
    void dotted_versions_are_compared_by_their_last_part_under_the_same_prefix() {
        assertThat(VersionGaps.of(files("V1.1__a.sql", "V1.2__b.sql", "V1.4__c.sql", "V2.1__d.sql", "V2.2__e.sql")))
                .containsExactly("1.3 is missing between 1.2 and 1.4");
    }

    @Test
    void a_folder_without_gaps_or_numbered_by_another_step_or_by_timestamps_gets_no_notice() {
        assertThat(VersionGaps.of(files("V1__a.sql", "V2__b.sql", "V3__c.sql"))).isEmpty();
        assertThat(VersionGaps.of(files("V10__a.sql", "V20__b.sql", "V30__c.sql", "V50__d.sql"))).isEmpty();
        assertThat(VersionGaps.of(files("V20240101120000__a.sql", "V20240101120001__b.sql", "V20240103090000__c.sql")))
                .isEmpty();
        assertThat(VersionGaps.of(files("2025_11_06_143000_a.sql", "2025_11_06_143001_b.sql", "2025_11_07_100000_c.sql")))
                .isEmpty();
        assertThat(VersionGaps.of(files("V1__a.sql", "V3__b.sql"))).as("one step is no sequence to judge by").isEmpty();
    }

    @Test
    void test_only_files_numbered_apart_leave_no_gap_between_them_and_the_production_files() {
        LoadedMigrations all = files("001_a.sql", "002_b.sql", "003_c.sql", "988_test.sql", "990_test.sql");
        LoadedMigrations marked = new LoadedMigrations(all.migrations(), List.of(), java.util.Set.of("988_test.sql", "990_test.sql"));

        assertThat(VersionGaps.of(marked)).isEmpty();
        assertThat(VersionGaps.of(all)).as("the same files in one production folder").isNotEmpty();
    }

    private static LoadedMigrations files(String... scripts) {
        List<Migration> migrations = Arrays.stream(scripts).map(script -> {
            MigrationFileName name = MigrationFileName.parse(script).orElseThrow();
            return new Migration(MigrationVersion.parse(name.versionText()), name.description(), script,
                    MigrationKind.VERSIONED, "c", "SELECT 1;", null);
        }).toList();
        return new LoadedMigrations(migrations, List.of());
    }
}
