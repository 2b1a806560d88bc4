package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check a rollback makes before anything runs: every migration to undo has a down file, or the ones without are
 * named with the file to write for each.
 */
final class DownFiles {
    private DownFiles() {
    }

    /** Refuses the rollback ({@link ErrorCode#NO_DOWN_FILE}) when a migration of {@code undo} cannot be rolled back. */
    static void require(LoadedMigrations migrations, Map<TenantId, List<MigrationVersion>> undo) {
        List<MigrationVersion> versions = undo.values().stream().flatMap(List::stream).distinct().sorted().filter(version -> {
            Optional<Migration> file = migrations.find(version);
            return file.isEmpty() || file.get().downScript().isEmpty();
        }).toList();
        if (!versions.isEmpty()) {
            List<String> missing = versions.stream().map(v -> migrations.find(v).map(m -> migrations.shown(m.script()))
                    .orElse("version " + v + " (file missing)")).toList();
            List<String> toWrite = versions.stream().map(migrations::find).flatMap(Optional::stream)
                    .filter(m -> m.script().endsWith(".sql")).map(m -> toWrite(migrations, m)).toList();
            throw new FlotillaException(ErrorCode.NO_DOWN_FILE, "Cannot roll back: " + String.join(", ", missing)
                    + " ha" + (missing.size() == 1 ? "s" : "ve") + " no down file (U<version>__*.sql or <name>.down.sql)"
                    + lookedIn(migrations) + "." + (toWrite.isEmpty() ? " Write one" : " Write " + String.join(", ", toWrite))
                    + ", or restore from a backup. Nothing was rolled back.");
        }
    }

    /**
     * {@code  in any of the migration folders (db/migrations, legacy)} when there are several, where a down file was
     * looked for (any of them may hold it); empty for one folder.
     */
    static String lookedIn(LoadedMigrations migrations) {
        List<String> folders = migrations.folders();
        return folders.size() < 2 ? "" : " in any of the migration folders (" + String.join(", ", folders) + ")";
    }

    /** The down file to write for {@code file}: beside it, by its path when there are several folders. */
    static String toWrite(LoadedMigrations migrations, Migration file) {
        String shown = migrations.shown(file.script());
        String name = downName(file.script());
        return shown.equals(file.script()) ? name : java.nio.file.Path.of(shown).resolveSibling(name).toString();
    }

    /** The down file {@code script} would have: {@code U3__x.sql} for {@code V3__x.sql}, else {@code <name>.down.sql}. */
    static String downName(String script) {
        if (script.startsWith("V") && script.contains("__")) {
            return "U" + script.substring(1);
        }
        String base = script.substring(0, script.length() - ".sql".length());
        return (base.endsWith(".up") ? base.substring(0, base.length() - ".up".length()) : base) + ".down.sql";
    }
}
