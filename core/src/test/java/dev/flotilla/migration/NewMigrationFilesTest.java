package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewMigrationFilesTest {
    @TempDir
    Path folder;

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 9, 15, 30);

    @Test
    void the_next_version_raises_the_last_number_and_keeps_its_width() {
        assertThat(NewMigrationFiles.next("3", NOW)).isEqualTo("4");
        assertThat(NewMigrationFiles.next("009", NOW)).isEqualTo("010");
        assertThat(NewMigrationFiles.next("1.9", NOW)).isEqualTo("1.10");
        assertThat(NewMigrationFiles.next("0001_12", NOW)).as("not a year").isEqualTo("0001_13");
    }

    @Test
    void after_a_version_that_reads_as_a_date_or_time_comes_now_in_the_same_shape() {
        assertThat(NewMigrationFiles.next("2025_12", NOW)).isEqualTo("2026_03");
        assertThat(NewMigrationFiles.next("2025_11_06_143000", NOW)).isEqualTo("2026_03_04_091530");
        assertThat(NewMigrationFiles.next("2025_11_06", NOW)).isEqualTo("2026_03_04");
        assertThat(NewMigrationFiles.next("2025.11.06.1430", NOW)).isEqualTo("2026.03.04.0915");
        assertThat(NewMigrationFiles.next("20251106143000", NOW)).isEqualTo("20260304091530");
    }

    @Test
    void after_a_date_or_time_not_before_now_comes_the_next_valid_one_never_month_13() {
        assertThat(NewMigrationFiles.next("2026_03", NOW)).isEqualTo("2026_04");
        assertThat(NewMigrationFiles.next("2026_12", NOW)).isEqualTo("2027_01");
        assertThat(NewMigrationFiles.next("2026_12_31_235959", NOW)).isEqualTo("2027_01_01_000000");
        assertThat(NewMigrationFiles.next("2026_02_28", LocalDateTime.of(2026, 2, 28, 0, 0))).isEqualTo("2026_03_01");
    }

    @Test
    void a_laravel_style_folder_gets_a_timestamp_that_loads_as_the_newest_migration() throws IOException {
        Files.writeString(folder.resolve("2025_11_serial_system_integration.sql"), "SELECT 1;");
        Files.writeString(folder.resolve("2025_12_notification_configurations.sql"), "SELECT 1;");

        NewMigrationFiles.Written written = NewMigrationFiles.write(folder, "adopt_tenant_id", "SELECT 1;", "SELECT 2;",
                null, NOW);

        assertThat(written.up().getFileName()).hasToString("2026_03_adopt_tenant_id.sql");
        assertThat(written.down().getFileName()).hasToString("2026_03_adopt_tenant_id.down.sql");
        assertThat(new MigrationLoader(Set.of()).load(folder).versioned()).last()
                .satisfies(m -> assertThat(m.script()).isEqualTo("2026_03_adopt_tenant_id.sql"));
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
    void refuses_a_version_of_several_parts_in_a_golang_migrate_folder_and_writes_nothing() throws IOException {
        Files.writeString(folder.resolve("000004_init.up.sql"), "SELECT 1;");

        assertThatThrownBy(() -> NewMigrationFiles.write(folder, "x", "SELECT 1;", "SELECT 2;", "2025_11"))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.INVALID_VERSION);
                    assertThat(e.getMessage()).contains("golang-migrate", "one integer", "202511");
                });
        assertThat(folder.toFile().list()).containsExactly("000004_init.up.sql");
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
