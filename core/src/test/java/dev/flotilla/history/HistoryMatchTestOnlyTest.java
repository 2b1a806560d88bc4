package dev.flotilla.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.Advice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting a test target's history (seed 004: 988 from the test-only folder ran there) says of the files it never ran
 * what a deploy then does with them: a production file older than 988 alone is pending, not out of order.
 */
class HistoryMatchTestOnlyTest {
    @TempDir
    Path temp;

    private LoadedMigrations files() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Path testMigrations = Files.createDirectories(temp.resolve("test-migrations"));
        Files.writeString(migrations.resolve("001_init.sql"), "CREATE TABLE merchants (id INT);\n");
        Files.writeString(migrations.resolve("002_later.sql"), "CREATE TABLE products (id INT);\n");
        Files.writeString(migrations.resolve("036_region.sql"), "ALTER TABLE merchants ADD COLUMN region TEXT;\n");
        Files.writeString(testMigrations.resolve("005_test_seed.sql"), "INSERT INTO merchants VALUES (5);\n");
        Files.writeString(testMigrations.resolve("988_instagram_tables.sql"), "CREATE TABLE instagram_test (id INT);\n");
        return new MigrationLoader(Set.of()).load(new MigrationFolders(List.of(migrations), List.of(testMigrations)));
    }

    private static ForeignRow ran(int order, String version, String name) {
        return new ForeignRow(order, version, name, name, "ci", Instant.EPOCH, 1, ForeignRow.State.APPLIED, null);
    }

    @Test
    void a_production_file_older_than_a_test_only_version_that_ran_is_not_said_to_be_out_of_order() throws Exception {
        List<ForeignRow> flyway = List.of(ran(1, "1", "001_init.sql"), ran(2, "2", "002_later.sql"),
                ran(3, "988", "988_instagram_tables.sql"));

        HistoryMatch match = HistoryMatch.of(flyway, files(), HistorySource.parse("flyway"), Map.of());

        assertThat(match.recorded()).containsExactly(path("migrations/001_init.sql"), path("migrations/002_later.sql"),
                path("test-migrations/988_instagram_tables.sql"));
        List<String> notes = match.notes().stream().map(Advice::text).toList();
        assertThat(notes).noneMatch(n -> n.contains("036_region.sql"));
        assertThat(notes).as("a test-only file below a version applied is out of order, as deploy says")
                .anyMatch(n -> n.startsWith(path("test-migrations/005_test_seed.sql") + " is not in")
                        && n.contains("--out-of-order"));
    }

    @Test
    void with_several_folders_the_notes_name_each_file_by_its_path_as_status_does() throws Exception {
        ForeignRow edited = new ForeignRow(1, "1", "001_init.sql", "init", "ci", Instant.EPOCH, 1, ForeignRow.State.APPLIED, 42);
        List<ForeignRow> flyway = List.of(edited, new ForeignRow(2, "3", "<< Flyway Baseline >>", "<< Flyway Baseline >>", "ci",
                Instant.EPOCH, 0, ForeignRow.State.BASELINE, null), ran(3, "988", "988_instagram_tables.sql"));

        HistoryMatch match = HistoryMatch.of(flyway, files(), HistorySource.parse("flyway"), Map.of());

        assertThat(match.recorded()).containsExactly(path("migrations/002_later.sql") + " (baseline)",
                "baseline 3", path("migrations/001_init.sql"), path("test-migrations/988_instagram_tables.sql"));
        assertThat(match.notes().stream().map(Advice::text)).as("the edited file, then the one out of order")
                .anyMatch(n -> n.startsWith(path("migrations/001_init.sql") + " was edited after flyway"))
                .anyMatch(n -> n.startsWith(path("test-migrations/005_test_seed.sql") + " is not in"))
                .noneMatch(n -> n.startsWith("001_init.sql") || n.startsWith("005_test_seed.sql"));
    }

    /** A file as messages name it among several folders: its path, as the folder was given. */
    private String path(String relative) {
        return temp.resolve(relative).toString();
    }
}
