package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several migration folders read as one set (Flyway's locations), and test-only folders. */
class MigrationFoldersLoadTest {
    @TempDir
    Path root;

    private final MigrationLoader loader = new MigrationLoader(Set.of());

    private Path write(String folder, String name, String content) throws Exception {
        Path dir = Files.createDirectories(root.resolve(folder));
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private MigrationFolders folders(List<String> folders, List<String> testOnly) {
        return new MigrationFolders(folders.stream().map(root::resolve).toList(), testOnly.stream().map(root::resolve).toList());
    }

    @Test
    void a_file_a_history_row_names_is_named_by_its_path_among_several_folders_and_said_in_none_when_gone() throws Exception {
        write("migrations", "V1__notes.sql", "SELECT 1;");
        write("legacy", "V2__tags.sql", "SELECT 2;");
        write("legacy", "U2__tags.sql", "SELECT -2;");
        MigrationFolders two = folders(List.of("migrations", "legacy"), List.of());
        LoadedMigrations loaded = loader.load(two);
        String tags = root.resolve("legacy").resolve("V2__tags.sql").toString();

        assertThat(loaded.recorded("V2__tags.sql")).isEqualTo(tags);
        assertThat(loaded.recorded("U2__tags.sql")).isEqualTo(root.resolve("legacy").resolve("U2__tags.sql").toString());
        assertThat(loaded.recorded("V3__gone.sql")).isEqualTo("V3__gone.sql (in none of the migration folders)");
        assertThat(two.recorded("V2__tags.sql")).as("read from the folders without loading them").isEqualTo(tags);
        assertThat(two.recorded("V3__gone.sql")).isEqualTo("V3__gone.sql (in none of the migration folders)");
        assertThat(loader.load(root.resolve("legacy")).recorded("V3__gone.sql")).as("one folder: the name, as ever")
                .isEqualTo("V3__gone.sql");
        assertThat(MigrationFolders.of(root.resolve("legacy")).recorded("V2__tags.sql")).isEqualTo("V2__tags.sql");
    }

    @Test
    void the_files_of_two_folders_form_one_set_in_version_order_with_down_files_found_across_them() throws Exception {
        write("migrations", "001_initial_schema.sql", "SELECT 1;");
        write("migrations", "003_search.sql", "SELECT 3;");
        write("more", "002_analytics_views.sql", "SELECT 2;");
        write("more", "003_search.down.sql", "SELECT -3;");
        write("more", "R__views.sql", "SELECT 4;");

        LoadedMigrations loaded = loader.load(folders(List.of("migrations", "more"), List.of()));

        assertThat(loaded.versioned()).extracting(Migration::script)
                .containsExactly("001_initial_schema.sql", "002_analytics_views.sql", "003_search.sql");
        assertThat(loaded.find(MigrationVersion.parse("3")).flatMap(Migration::downScript)).get()
                .extracting(DownScript::script).isEqualTo("003_search.down.sql");
        assertThat(loaded.repeatables()).extracting(Migration::script).containsExactly("R__views.sql");
        assertThat(loaded.testOnly()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void the_same_version_in_two_folders_is_a_duplicate_naming_both_paths() throws Exception {
        Path first = write("migrations", "001_initial_schema.sql", "SELECT 1;");
        Path second = write("legacy", "V1__init.sql", "SELECT 1;");
        Path broken = write("legacy", "V2__x.sql", "SELECT ${nobody};");

        assertThatThrownBy(() -> loader.load(folders(List.of("migrations", "legacy"), List.of())))
                .isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_VERSION);
                    assertThat(e.findings()).extracting(LoadFinding::file).containsExactlyInAnyOrder(second.toString(),
                            broken.toString());
                    assertThat(e.getMessage()).contains(second + ": has the same version as " + first + ": version 1")
                            .contains(broken + ":1: uses the unknown placeholder ${nobody}");
                });
    }

    @Test
    void the_same_repeatable_in_two_folders_is_refused_rather_than_one_silently_winning() throws Exception {
        write("migrations", "R__views.sql", "SELECT 1;");
        Path second = write("more", "R__views.sql", "SELECT 2;");

        assertThatThrownBy(() -> loader.load(folders(List.of("migrations", "more"), List.of())))
                .isInstanceOfSatisfying(InvalidMigrationsException.class, e -> assertThat(e.getMessage())
                        .contains(second + ": is the same repeatable migration as " + root.resolve("migrations/R__views.sql")));
    }

    @Test
    void a_file_moved_to_another_folder_keeps_its_recorded_script_and_checksum() throws Exception {
        Path file = write("migrations", "988_instagram_tables.sql", "CREATE TABLE t (id INT);\r\n");
        write("migrations", "001_initial_schema.sql", "SELECT 1;");
        Migration before = loader.load(root.resolve("migrations")).find(MigrationVersion.parse("988")).orElseThrow();

        Files.createDirectories(root.resolve("test-migrations"));
        Files.move(file, root.resolve("test-migrations/988_instagram_tables.sql"));
        LoadedMigrations after = loader.load(folders(List.of("migrations"), List.of("test-migrations")));
        Migration moved = after.find(MigrationVersion.parse("988")).orElseThrow();

        assertThat(moved.script()).isEqualTo(before.script()).isEqualTo("988_instagram_tables.sql");
        assertThat(moved.checksum()).isEqualTo(before.checksum());
        assertThat(moved).isEqualTo(before);
        assertThat(after.isTestOnly(moved)).isTrue();
        assertThat(after.isTestOnly(after.find(MigrationVersion.parse("1")).orElseThrow())).isFalse();
    }

    @Test
    void a_test_only_folder_is_said_in_a_warning_naming_its_migrations() throws Exception {
        write("migrations", "001_initial_schema.sql", "SELECT 1;");
        write("test-migrations", "988_instagram_tables.sql", "SELECT 988;");
        write("test-migrations", "990_test_concurrent.sql", "SELECT 990;");

        LoadedMigrations loaded = loader.load(folders(List.of("migrations"), List.of("test-migrations")));

        assertThat(loaded.testOnly()).containsExactlyInAnyOrder("988_instagram_tables.sql", "990_test_concurrent.sql");
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(root.resolve("test-migrations").toString());
            assertThat(w.message()).contains("test-only folder: its migrations (988_instagram_tables.sql, 990_test_concurrent.sql)")
                    .contains("never for production");
        });
    }

    @Test
    void missing_folders_are_named_together() {
        assertThatThrownBy(() -> loader.load(folders(List.of("gone", "also-gone"), List.of())))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATIONS_NOT_FOUND);
                    assertThat(e.getMessage()).contains(root.resolve("gone").toString())
                            .contains(root.resolve("also-gone").toString());
                });
    }

    @Test
    void a_folder_given_twice_or_as_both_kinds_is_refused() {
        assertThatThrownBy(() -> folders(List.of("migrations", "migrations/."), List.of()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage()).contains("is given twice"));
        assertThatThrownBy(() -> folders(List.of("migrations"), List.of("migrations")))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage())
                        .contains("as a migrations folder and as a test-only one"));
    }
}
