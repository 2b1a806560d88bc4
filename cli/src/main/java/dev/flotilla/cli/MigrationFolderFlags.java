package dev.flotilla.cli;

import dev.flotilla.migration.MigrationFolders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The migration folders of a command of one target: {@code --migrations} and {@code --test-migrations} (each repeatable,
 * or comma-separated), else the {@code FLOTILLA_MIGRATIONS} and {@code FLOTILLA_TEST_MIGRATIONS} variables (comma-separated,
 * as flotilla.yml's lists are given in the environment), else {@value #DEFAULT}.
 */
final class MigrationFolderFlags {
    static final String DEFAULT = "db/tenant_migrations";

    private MigrationFolderFlags() {
    }

    static MigrationFolders folders(List<Path> migrations, List<Path> testMigrations, Map<String, String> environment) {
        List<Path> folders = !migrations.isEmpty() ? migrations : fromVariable(environment.get("FLOTILLA_MIGRATIONS"));
        List<Path> testOnly = !testMigrations.isEmpty() ? testMigrations
                : fromVariable(environment.get("FLOTILLA_TEST_MIGRATIONS"));
        return new MigrationFolders(folders.isEmpty() ? List.of(Path.of(DEFAULT)) : folders, testOnly);
    }

    private static List<Path> fromVariable(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(f -> !f.isEmpty()).map(Path::of).toList();
    }
}
