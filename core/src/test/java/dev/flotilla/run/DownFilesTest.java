package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet rollback's check for down files, before anything runs: what it names, with one folder and with several. */
class DownFilesTest {
    @TempDir
    Path root;

    private LoadedMigrations load(List<String> folders) throws Exception {
        Files.createDirectories(root.resolve("migrations"));
        Files.writeString(root.resolve("migrations").resolve("V1__notes.sql"), "SELECT 1;");
        Files.createDirectories(root.resolve("legacy"));
        Files.writeString(root.resolve("legacy").resolve("V2__tags.sql"), "SELECT 2;");
        return new MigrationLoader(Set.of()).load(new MigrationFolders(folders.stream().map(root::resolve).toList(), List.of()));
    }

    private static Map<TenantId, List<MigrationVersion>> undo(String version) {
        return Map.of(TenantId.of("t01"), List.of(MigrationVersion.parse(version)));
    }

    @Test
    void among_several_folders_the_refusal_names_the_file_by_its_path_the_folders_looked_in_and_the_down_file_beside_it()
            throws Exception {
        LoadedMigrations two = load(List.of("migrations", "legacy"));

        assertThatThrownBy(() -> DownFiles.require(two, undo("2"))).isInstanceOfSatisfying(FlotillaException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.NO_DOWN_FILE);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo("Cannot roll back: "
                    + root.resolve("legacy/V2__tags.sql") + " has no down file (U<version>__*.sql or <name>.down.sql) in any of"
                    + " the migration folders (" + root.resolve("legacy") + ", " + root.resolve("migrations") + "). Write "
                    + root.resolve("legacy/U2__tags.sql") + ", or restore from a backup. Nothing was rolled back.");
        });
    }

    @Test
    void from_one_folder_the_refusal_names_the_file_by_its_name_as_ever() throws Exception {
        LoadedMigrations one = load(List.of("migrations"));

        assertThatThrownBy(() -> DownFiles.require(one, undo("1"))).isInstanceOf(FlotillaException.class)
                .hasMessage("Cannot roll back: V1__notes.sql has no down file (U<version>__*.sql or <name>.down.sql). Write"
                        + " U1__notes.sql, or restore from a backup. Nothing was rolled back.");
    }
}
