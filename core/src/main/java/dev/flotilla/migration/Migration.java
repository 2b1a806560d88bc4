package dev.flotilla.migration;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Placeholders;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration file, read and checksummed.
 *
 * @param version null exactly for repeatable migrations
 * @param script the file name
 * @param sql the content with a BOM removed and line endings folded to LF; placeholders not yet replaced
 * @param down the down script, or null
 */
public record Migration(MigrationVersion version, String description, String script, MigrationKind kind,
                        String checksum, String sql, DownScript down) {
    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(sql, "sql");
        if (kind != MigrationKind.VERSIONED && kind != MigrationKind.REPEATABLE) {
            throw new IllegalArgumentException("a migration file is versioned or repeatable, not " + kind);
        }
        if ((version == null) != (kind == MigrationKind.REPEATABLE)) {
            throw new IllegalArgumentException("only repeatable migrations have no version: " + script);
        }
        if (down != null && kind == MigrationKind.REPEATABLE) {
            throw new IllegalArgumentException("a repeatable migration has no down script: " + script);
        }
    }

    /**
     * Whether the file is the one a history row with {@code recorded} ran: Flotilla's checksum, or, for a row adopted
     * from Flyway, Flyway's checksum of the file ({@link FlywayChecksum}) as written, or for one adopted from a
     * home-grown table that kept a digest of the file and found it edited, that digest ({@link FileDigest}).
     */
    public boolean hasChecksum(String recorded) {
        return hasChecksum(recorded, Map.of());
    }

    /**
     * The same on a target whose placeholders have {@code placeholders} for values: a repeatable's Flyway checksum is
     * taken after they are replaced, as Flyway took it ({@link #asFlywayChecksumsIt}).
     */
    public boolean hasChecksum(String recorded, Map<String, String> placeholders) {
        return checksum.equals(recorded) || FlywayChecksum.matches(asFlywayChecksumsIt(placeholders), recorded)
                || FileDigest.matches(sql, recorded);
    }

    /**
     * The text Flyway takes its checksum of: a repeatable's with its placeholders replaced by {@code placeholders}, a
     * versioned one's as written. One whose placeholder has no value here is taken as written: Flyway had a value that
     * Flotilla lacks, and the file counts as changed.
     */
    public String asFlywayChecksumsIt(Map<String, String> placeholders) {
        if (kind != MigrationKind.REPEATABLE || placeholders.isEmpty()) {
            return sql;
        }
        try {
            return Placeholders.replace(sql, placeholders);
        } catch (FlotillaException unknownPlaceholder) {
            return sql;
        }
    }

    public Optional<DownScript> downScript() {
        return Optional.ofNullable(down);
    }
}
