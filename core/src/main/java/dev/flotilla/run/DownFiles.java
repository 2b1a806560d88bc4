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
        List<String> missing = undo.values().stream().flatMap(List::stream).distinct().sorted().filter(version -> {
            Optional<Migration> file = migrations.find(version);
            return file.isEmpty() || file.get().downScript().isEmpty();
        }).map(v -> migrations.find(v).map(Migration::script).orElse("version " + v + " (file missing)")).toList();
        if (!missing.isEmpty()) {
            List<String> toWrite = missing.stream().filter(script -> script.endsWith(".sql")).map(DownFiles::downName)
                    .toList();
            throw new FlotillaException(ErrorCode.NO_DOWN_FILE, "Cannot roll back: " + String.join(", ", missing)
                    + " ha" + (missing.size() == 1 ? "s" : "ve") + " no down file (U<version>__*.sql or <name>.down.sql)."
                    + (toWrite.isEmpty() ? " Write one" : " Write " + String.join(", ", toWrite)) + ", or restore from a"
                    + " backup. Nothing was rolled back.");
        }
    }

    /** The down file {@code script} would have: {@code U3__x.sql} for {@code V3__x.sql}, else {@code <name>.down.sql}. */
    private static String downName(String script) {
        if (script.startsWith("V") && script.contains("__")) {
            return "U" + script.substring(1);
        }
        String base = script.substring(0, script.length() - ".sql".length());
        return (base.endsWith(".up") ? base.substring(0, base.length() - ".up".length()) : base) + ".down.sql";
    }
}
