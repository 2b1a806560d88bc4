package dev.flotilla.migration;

import java.time.LocalDateTime;

/**
 * Hands out the versions no migration of a folder has, each after the newest and after those handed out before, in the
 * newest's shape ({@link NewMigrationFiles#next}: a number raised as wide as it was, a date or time the next valid one):
 * the name a file with a duplicate version can take instead. Not thread-safe; one per load.
 */
final class FreeVersions {
    private final LocalDateTime now;
    private String last;

    /** @param newest the version text of the folder's newest migration */
    FreeVersions(String newest, LocalDateTime now) {
        this.last = newest;
        this.now = now;
    }

    /** {@code fileName} (read as {@code name}) with the next free version in place of its own. */
    String rename(String fileName, MigrationFileName name) {
        last = NewMigrationFiles.next(last, now);
        int at = fileName.indexOf(name.versionText());
        return fileName.substring(0, at) + last + fileName.substring(at + name.versionText().length());
    }
}
