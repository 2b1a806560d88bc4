package dev.flotilla.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The migrations of one folder: versioned ones ascending by version, then repeatables by description;
 * and the warnings met while reading it. Immutable.
 *
 * <p>A class, not a record, to keep the versioned files and the repeatables apart once: a fleet deploy asks for them
 * for every tenant (its plan, its task's outcome), where filtering the files each time was a stream a call.
 */
public final class LoadedMigrations {
    private final List<Migration> migrations;
    private final List<LoadFinding> warnings;
    private final List<Migration> versioned;
    private final List<Migration> repeatables;

    public LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings) {
        this.migrations = List.copyOf(migrations);
        this.warnings = List.copyOf(warnings);
        this.versioned = this.migrations.stream().filter(m -> m.kind() == MigrationKind.VERSIONED).toList();
        this.repeatables = this.migrations.stream().filter(m -> m.kind() == MigrationKind.REPEATABLE).toList();
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public List<LoadFinding> warnings() {
        return warnings;
    }

    public List<Migration> versioned() {
        return versioned;
    }

    public List<Migration> repeatables() {
        return repeatables;
    }

    public Optional<Migration> find(MigrationVersion version) {
        return migrations.stream().filter(m -> version.equals(m.version())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedMigrations other && migrations.equals(other.migrations) && warnings.equals(other.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(migrations, warnings);
    }

    @Override
    public String toString() {
        return "LoadedMigrations[migrations=" + migrations + ", warnings=" + warnings + "]";
    }
}
