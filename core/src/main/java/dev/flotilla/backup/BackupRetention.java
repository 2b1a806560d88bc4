package dev.flotilla.backup;

import dev.flotilla.control.BackupStore;
import dev.flotilla.control.BackupStore.BackupRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the newest backup runs (a deployment's, or one taken on demand) and deletes the files of the rest, marking
 * them deleted in the control plane; a file that cannot be deleted stays recorded.
 */
final class BackupRetention {
    private BackupRetention() {
    }

    static List<String> prune(BackupStore store, int keep) {
        Set<String> runs = new LinkedHashSet<>();
        List<BackupRecord> all = store.all();
        all.forEach(b -> runs.add(b.backupId()));
        List<String> dropped = runs.stream().skip(keep).toList();
        Set<Path> folders = new LinkedHashSet<>();
        for (BackupRecord backup : all) {
            if (dropped.contains(backup.backupId())) {
                try {
                    Files.deleteIfExists(backup.path());
                } catch (IOException e) {
                    continue;
                }
                store.markDeleted(backup.id());
                folders.add(backup.path().getParent());
            }
        }
        folders.forEach(BackupRetention::deleteIfEmpty);
        return dropped;
    }

    static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException notEmpty) {
            // Something else is in it (a file not deleted, or not Flotilla's): it stays.
        }
    }
}
