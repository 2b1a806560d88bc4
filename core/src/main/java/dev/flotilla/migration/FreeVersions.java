package dev.flotilla.migration;

import java.time.LocalDateTime;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hands out the versions no migration of a folder has, each after the newest and after those handed out before, in the
 * newest's shape ({@link NewMigrationFiles#next}: a number raised as wide as it was, a date or time the next valid one):
 * the name a file with a duplicate version can take instead. Not thread-safe; one per load.
 */
final class FreeVersions {
    private final LocalDateTime now;
    private final Predicate<String> taken;
    private String last;

    /**
     * @param newest the version text of the migration the free ones go above
     * @param taken whether a version text is one a migration has already (a test-only folder's, above {@code newest})
     */
    FreeVersions(String newest, LocalDateTime now, Predicate<String> taken) {
        this.last = newest;
        this.now = now;
        this.taken = taken;
    }

    /** {@code fileName} (read as {@code name}) with the next free version in place of its own. */
    String rename(String fileName, MigrationFileName name) {
        do {
            last = NewMigrationFiles.next(last, now);
        } while (taken.test(last));
        return renameAlike(fileName, name);
    }

    /** {@code fileName} (read as {@code name}) with the version the last {@link #rename} gave, in place of its own. */
    String renameAlike(String fileName, MigrationFileName name) {
        int at = fileName.indexOf(name.versionText());
        return fileName.substring(0, at) + last + fileName.substring(at + name.versionText().length());
    }

    /**
     * {@code fileName} (a repeatable, read as {@code name}) with {@code _2}, {@code _3}, ... after its description, the
     * first whose description none of {@code descriptions} has: a repeatable is known by its description.
     */
    static String repeatableRename(String fileName, MigrationFileName name, Set<String> descriptions) {
        int end = fileName.lastIndexOf(".sql");
        String stem = fileName.substring(0, end);
        int n = 2;
        while (descriptions.contains(name.description() + " " + n)) {
            n++;
        }
        return stem + "_" + n + fileName.substring(end);
    }
}
