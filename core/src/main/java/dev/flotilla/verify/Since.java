package dev.flotilla.verify;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationVersion;

/**
 * The migration from which a check applies ({@code since: 2025.12.01.060100}): a target that has not applied
 * it (nor a later version) lacks the tables the check names, so there the check is skipped as not applicable
 * yet instead of failing. Kept as the user wrote it, compared as a version ({@code 2025_12_01} is
 * {@code 2025.12.1}).
 *
 * @param text the version as written in flotilla.yml or the check's file
 */
public record Since(String text) {
    public Since {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a since needs a version");
        }
        text = text.strip();
        MigrationVersion.parse(text);
    }

    /**
     * The since written at {@code where}, or null when {@code text} is null; a value that is not a version is
     * refused naming {@code where}.
     */
    public static Since of(String text, String where) {
        if (text == null) {
            return null;
        }
        try {
            return new Since(text);
        } catch (IllegalArgumentException e) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, where + " must be the version of the migration the check"
                    + " applies from, such as 2025.12.01.060100 or 2025_12_01_060100 (digits separated by '.' or '_'),"
                    + " was '" + text + "'");
        }
    }

    /** Whether a target whose newest version in effect is {@code current} (null: none) has reached this one. */
    boolean reachedBy(String current) {
        return current != null && MigrationVersion.parse(current).compareTo(MigrationVersion.parse(text)) >= 0;
    }

    /**
     * Why the check is skipped on a target at {@code current}: the skipped result's message. The version is said as
     * versions are shown ({@code 2025.10.1.60400}), as the target's is, so the two compare at a glance; the text as
     * written follows when it reads otherwise ({@code 2025_10_01_060400}), to find it in the configuration.
     */
    String notYet(String current) {
        String shown = MigrationVersion.parse(text).toString();
        return "not applicable yet: applies since migration " + shown + (shown.equals(text) ? "" : " (since: " + text + ")")
                + ", the target is at " + (current == null ? "no migration" : "version " + current);
    }
}
