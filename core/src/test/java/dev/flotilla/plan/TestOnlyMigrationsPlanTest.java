package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed 004: 001-003 and the test-only 988 ran on a test target; 036 comes later. */
class TestOnlyMigrationsPlanTest {
    private final List<AppliedMigration> history = new ArrayList<>();

    private static Migration file(String version) {
        return new Migration(MigrationVersion.parse(version), "m" + version, version + "_m.sql", MigrationKind.VERSIONED,
                "c" + version, "SELECT 1", null);
    }

    private void applied(String... versions) {
        for (String version : versions) {
            history.add(new AppliedMigration(history.size() + 1, version, "m" + version, MigrationKind.VERSIONED,
                    version + "_m.sql", "c" + version, "test", Instant.now(), 1, true, null, null));
        }
    }

    private static MigrationState state(TargetPlan plan, String version) {
        return plan.statuses().stream().filter(s -> version.equals(s.version())).findFirst().orElseThrow().state();
    }

    @Test
    void a_test_only_version_applied_holds_no_later_production_file_back_as_out_of_order() {
        applied("1", "2", "3", "988");
        LoadedMigrations files = new LoadedMigrations(List.of(file("1"), file("2"), file("3"), file("36"), file("988")),
                List.of(), Set.of("988_m.sql"));

        TargetPlan plan = TargetPlan.of(files, history, "test_db");

        assertThat(state(plan, "36")).isEqualTo(MigrationState.PENDING);
        assertThat(state(plan, "988")).isEqualTo(MigrationState.APPLIED);
        assertThat(plan.pending(ValidationPolicy.STRICT)).extracting(Migration::script).containsExactly("36_m.sql");
        assertThat(plan.problems(ValidationPolicy.STRICT)).isEmpty();
    }

    @Test
    void the_same_version_from_a_production_folder_still_holds_it_back() {
        applied("1", "2", "3", "988");
        LoadedMigrations files = new LoadedMigrations(List.of(file("1"), file("2"), file("3"), file("36"), file("988")),
                List.of());

        TargetPlan plan = TargetPlan.of(files, history, "test_db");

        assertThat(state(plan, "36")).isEqualTo(MigrationState.OUT_OF_ORDER);
    }

    @Test
    void a_test_only_file_itself_is_out_of_order_below_any_version_applied() {
        applied("1", "2", "3", "36");
        LoadedMigrations files = new LoadedMigrations(List.of(file("1"), file("2"), file("3"), file("20"), file("36")),
                List.of(), Set.of("20_m.sql"));

        TargetPlan plan = TargetPlan.of(files, history, "test_db");

        assertThat(state(plan, "20")).isEqualTo(MigrationState.OUT_OF_ORDER);
    }
}
