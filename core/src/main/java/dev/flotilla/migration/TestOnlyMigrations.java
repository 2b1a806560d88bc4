package dev.flotilla.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the migrations read from test-only folders, and says so with a warning that every command prints with the
 * folder's other warnings: a test-only file never reaches a target without a word, whichever command runs it.
 */
final class TestOnlyMigrations {
    private TestOnlyMigrations() {
    }

    /** @param byFolder each test-only folder's file names, as listed */
    static LoadedMigrations mark(LoadedMigrations loaded, Map<Path, List<String>> byFolder) {
        Set<String> scripts = new HashSet<>();
        List<LoadFinding> warnings = new ArrayList<>(loaded.warnings());
        byFolder.forEach((folder, names) -> {
            List<String> migrations = loaded.migrations().stream().map(Migration::script).filter(names::contains)
                    .toList();
            scripts.addAll(migrations);
            if (!migrations.isEmpty()) {
                warnings.add(new LoadFinding(Severity.WARNING, null, "is a test-only folder: its migrations (" + String.join(", ",
                        migrations) + ") run on every target this command reaches, and hold no later migration back as out"
                        + " of order. Give it (testMigrations: or --test-migrations) only where tests run, never for"
                        + " production.", folder.toString(), 0));
            }
        });
        return new LoadedMigrations(loaded.migrations(), warnings, scripts, loaded.paths());
    }
}
