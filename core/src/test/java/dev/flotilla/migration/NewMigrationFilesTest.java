package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewMigrationFilesTest {
    @TempDir
    Path folder;

    @Test
    void the_next_version_raises_the_last_number_and_keeps_its_width() {
        assertThat(NewMigrationFiles.next("3")).isEqualTo("4");
        assertThat(NewMigrationFiles.next("009")).isEqualTo("010");
        assertThat(NewMigrationFiles.next("2025_12")).isEqualTo("2025_13");
        assertThat(NewMigrationFiles.next("1.9")).isEqualTo("1.10");
    }

    @Test
    void follows_the_flyway_style_of_the_newest_file_and_loads_as_the_next_migration() throws IOException {
        Files.writeString(folder.resolve("V1__init.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(folder.resolve("V2__more.sql"), "CREATE TABLE b (id INT);");

        NewMigrationFiles.Written written = NewMigrationFiles.write(folder, "adopt_tenant_id", "SELECT 1;", "SELECT 2;", null);

        assertThat(written.up().getFileName()).hasToString("V3__adopt_tenant_id.sql");
        assertThat(written.down().getFileName()).hasToString("U3__adopt_tenant_id.sql");
        LoadedMigrations loaded = new MigrationLoader(Set.of()).load(folder);
        Migration adopted = loaded.versioned().get(2);
        assertThat(adopted.version()).isEqualTo(MigrationVersion.parse("3"));
        assertThat(adopted.downScript()).isPresent();
    }

    @Test
    void follows_numbered_and_golang_migrate_styles() throws IOException {
        Files.writeString(folder.resolve("007_init.sql"), "SELECT 1;");
        assertThat(NewMigrationFiles.write(folder, "x", "SELECT 1;", "SELECT 2;", null).down().getFileName())
                .hasToString("008_x.down.sql");
        Path golang = Files.createDirectory(folder.resolve("golang"));
        Files.writeString(golang.resolve("000004_init.up.sql"), "SELECT 1;");
        assertThat(NewMigrationFiles.write(golang, "x", "SELECT 1;", "SELECT 2;", null).up().getFileName())
                .hasToString("000005_x.up.sql");
    }

    @Test
    void refuses_a_version_that_is_taken_and_writes_nothing() throws IOException {
        Files.writeString(folder.resolve("V1__init.sql"), "SELECT 1;");

        assertThatThrownBy(() -> NewMigrationFiles.write(folder, "again", "SELECT 1;", "SELECT 2;", "1"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Version 1 is taken by V1__init.sql");
        assertThat(folder.toFile().list()).containsExactly("V1__init.sql");
    }

    @Test
    void starts_an_empty_folder_at_version_1() {
        assertThat(NewMigrationFiles.write(folder.resolve("new"), "first", "SELECT 1;", "SELECT 2;", null).up().getFileName())
                .hasToString("V1__first.sql");
    }
}
