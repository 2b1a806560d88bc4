package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a duplicate repeatable, a second down file, or a duplicate beside a test-only folder is told to do next. */
class DuplicateFileNextStepTest {
    @TempDir
    Path root;

    private final MigrationLoader loader = new MigrationLoader(Set.of());

    private void write(String folder, String name) throws Exception {
        Path dir = Files.createDirectories(root.resolve(folder));
        Files.writeString(dir.resolve(name), "SELECT 1;", StandardCharsets.UTF_8);
    }

    private List<String> messages(MigrationFolders where) {
        InvalidMigrationsException thrown = org.junit.jupiter.api.Assertions.assertThrows(InvalidMigrationsException.class,
                () -> loader.load(where));
        return thrown.findings().stream().map(LoadFinding::message).toList();
    }

    private MigrationFolders folders(List<String> folders, List<String> testOnly) {
        return new MigrationFolders(folders.stream().map(root::resolve).toList(), testOnly.stream().map(root::resolve).toList());
    }

    @Test
    void a_duplicate_repeatable_is_told_a_free_description_of_its_own() throws Exception {
        write("m", "R__my_views.sql");
        write("m", "R__my views.sql");
        write("m", "R__my_views_2.sql");

        assertThat(messages(folders(List.of("m"), List.of()))).singleElement().asString()
                .contains("is the same repeatable migration as", "(known by its description, 'my views')",
                        "rename R__my_views.sql R__my_views_3.sql", "if it is a copy, remove it");
    }

    @Test
    void a_second_down_file_is_told_that_a_migration_has_one_and_what_to_do_with_the_other() throws Exception {
        write("m", "V1__grants.sql");
        write("m", "U1__grants.sql");
        write("m", "V1__grants.down.sql");

        assertThat(messages(folders(List.of("m"), List.of()))).singleElement().asString()
                .contains("is a second down file, besides U1__grants.sql: version 1", "A migration has one down file",
                        "merge what this one undoes into U1__grants.sql and remove it", "rename it with the version of the"
                        + " migration it undoes")
                .doesNotContain("Rename or remove one of them");
    }

    @Test
    void a_duplicate_beside_a_test_only_folder_is_told_a_free_version_above_the_production_files_not_the_test_ones()
            throws Exception {
        write("migrations", "035_a.sql");
        write("migrations", "036_b.sql");
        write("migrations", "036_c.sql");
        write("test-migrations", "037_seed.sql");
        write("test-migrations", "988_fixtures.sql");
        write("test-migrations", "988_more.sql");

        List<String> messages = messages(folders(List.of("migrations"), List.of("test-migrations")));

        assertThat(messages).anySatisfy(m -> assertThat(m).contains("rename " + root.resolve("migrations")
                .resolve("036_c.sql") + " 038_c.sql"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("rename " + root.resolve("test-migrations")
                .resolve("988_more.sql") + " 989_more.sql"));
    }
}
