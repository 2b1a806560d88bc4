package dev.flotilla.migration;

import java.util.List;
import java.util.Optional;

/**
 * The migrations of one folder: versioned ones ascending by version, then repeatables by description;
 * and the warnings met while reading it.
 */
public record LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings) {
    public LoadedMigrations {
        migrations = List.copyOf(migrations);
        warnings = List.copyOf(warnings);
    }

    public List<Migration> versioned() {
        return migrations.stream().filter(m -> m.kind() == MigrationKind.VERSIONED).toList();
    }

    public List<Migration> repeatables() {
        return migrations.stream().filter(m -> m.kind() == MigrationKind.REPEATABLE).toList();
    }

    public Optional<Migration> find(MigrationVersion version) {
        return migrations.stream().filter(m -> version.equals(m.version())).findFirst();
    }
}
