package dev.flotilla.web.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Small text formats the templates share. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String millis(Long millis) {
        if (millis == null) {
            return "";
        }
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public static String bytes(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /**
     * The versions a dry run ran ("versions 2,3", as recorded, each as {@code spellings} show it), or that it found nothing
     * to apply: a tenant up to date has none, and "versions " followed by nothing read as if a word were missing.
     */
    public static String dryRunVersions(String versions, dev.flotilla.migration.VersionSpellings spellings) {
        return versions == null || versions.isBlank() ? "nothing to apply"
                : "versions " + String.join(",", spellings.labels(List.of(versions.split(",", -1))));
    }

    /** A JSON key said as words on a page: a schema diff's "tablesCreated" reads "Tables created". */
    public static String words(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** A CSS class for a status word: ok, warn or bad. */
    public static String tone(String status) {
        if (status == null) {
            return "";
        }
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded", "success", "done", "up-to-date", "ok", "passed", "changes", "no-changes", "finished", "clean", "applied", "baselined" -> "ok";
            case "failed", "blocked", "error", "failed-verification", "interrupted", "denied", "drifted", "unreachable", "refused" -> "bad";
            default -> "warn";
        };
    }
}
