package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSpellingsTest {
    @TempDir
    Path temp;

    @Test
    void names_each_version_as_its_file_writes_it_from_the_names_alone() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V2025.10.01.060201__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(folder.resolve("2025_11_01_000000_b.sql"), "CREATE TABLE b (id INT);\n");
        Files.writeString(folder.resolve("2025_11_01_000000_b.down.sql"), "DROP TABLE b;\n");
        Files.writeString(folder.resolve("V3__c.sql"), "CREATE TABLE c (id INT);\n");
        Files.writeString(folder.resolve("notes.txt"), "not a migration\n");

        VersionSpellings spellings = VersionSpellings.listed(MigrationFolders.of(folder));

        assertThat(spellings.label("2025.10.1.60201")).isEqualTo("2025.10.01.060201");
        assertThat(spellings.label("2025.11.1")).isEqualTo("2025_11_01_000000");
        assertThat(spellings.label("3")).isEqualTo("3");
        assertThat(spellings.label("R__views.sql")).isEqualTo("R__views.sql");
        assertThat(spellings.label(null)).isNull();
    }

    @Test
    void reads_no_file_s_content_so_a_file_a_load_refuses_still_gives_its_spelling() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("2025_11_01_000000_b.sql"), "CREATE TABLE ${unknown} (id INT);\n");
        Files.write(folder.resolve("V2025.10.01.060201__a.sql"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});

        VersionSpellings spellings = VersionSpellings.listed(MigrationFolders.of(folder));

        assertThat(spellings.label("2025.11.1")).isEqualTo("2025_11_01_000000");
        assertThat(spellings.label("2025.10.1.60201")).isEqualTo("2025.10.01.060201");
    }

    @Test
    void a_folder_that_cannot_be_listed_leaves_versions_canonical() {
        VersionSpellings spellings = VersionSpellings.listed(MigrationFolders.of(temp.resolve("missing")));

        assertThat(spellings.label("2025.11.1")).isEqualTo("2025.11.1");
    }

    @Test
    void lists_every_folder_and_keeps_the_spellings_loaded_files_give() throws Exception {
        Path main = Files.createDirectories(temp.resolve("main"));
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Files.writeString(main.resolve("V2025_01__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(legacy.resolve("000007_b.up.sql"), "CREATE TABLE b (id INT);\n");
        MigrationFolders both = new MigrationFolders(List.of(main, legacy), List.of());

        VersionSpellings spellings = VersionSpellings.listed(both);
        VersionSpellings loaded = new MigrationLoader(java.util.Set.of()).load(both).spellings();

        assertThat(spellings.label("2025.1")).isEqualTo("2025_01").isEqualTo(loaded.label("2025.1"));
        assertThat(spellings.label("7")).isEqualTo("000007").isEqualTo(loaded.label("7"));
    }

    @Test
    void a_version_two_files_spell_otherwise_is_shown_as_recorded_no_spelling_picked_and_the_load_refuses_them()
            throws Exception {
        Path main = Files.createDirectories(temp.resolve("main"));
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Files.writeString(main.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(main.resolve("V02__b.sql"), "CREATE TABLE b (id INT);\n");
        Files.writeString(main.resolve("V03__d.sql"), "CREATE TABLE d (id INT);\n");
        Files.writeString(legacy.resolve("000002_c.up.sql"), "CREATE TABLE c (id INT);\n");
        MigrationFolders both = new MigrationFolders(List.of(main, legacy), List.of());

        VersionSpellings listed = VersionSpellings.listed(both);
        assertThat(listed.label("2")).isEqualTo("2");
        assertThat(listed.label("3")).isEqualTo("03");
        assertThatThrownBy(() -> new MigrationLoader(java.util.Set.of()).load(both))
                .isInstanceOf(InvalidMigrationsException.class).hasMessageContaining("000002_c.up.sql")
                .satisfies(e -> assertThat(((InvalidMigrationsException) e).code()).isEqualTo(ErrorCode.DUPLICATE_VERSION));
    }

    @Test
    void two_files_spelling_one_version_alike_still_give_its_spelling() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V01__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(folder.resolve("V01__b.sql"), "CREATE TABLE b (id INT);\n");

        assertThat(VersionSpellings.listed(MigrationFolders.of(folder)).label("1")).isEqualTo("01");
    }
}
