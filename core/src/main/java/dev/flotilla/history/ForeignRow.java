package dev.flotilla.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of another tool's history, in the terms Flotilla matches files by.
 *
 * @param order where the row stands in the tool's own order of execution
 * @param version the version as the tool recorded it; null where it records names only
 * @param name the script or migration name ({@code V1__init.sql}, {@code 2025_11_01_000000_create_users}); null
 *     where the tool records versions only
 * @param crc32 Flyway's checksum of the file, to tell whether it was edited since; null for other tools
 * @param digest a home-grown table's checksum of the file (lower-case hex of a SHA-256, SHA-1 or MD5,
 *     {@link dev.flotilla.migration.FileDigest}), to tell the same; null where it keeps none
 */
public record ForeignRow(int order, String version, String name, String description, String installedBy,
                         Instant installedOn, long millis, State state, Integer crc32, String digest) {
    /** What the row says happened. */
    public enum State {
        /** The migration ran and succeeded. */
        APPLIED,
        /** A repeatable migration ran (again). */
        REPEATABLE,
        /** The tool marked the schema as already at this version. */
        BASELINE,
        /** The tool undid the migration of this version. */
        UNDONE,
        /** The migration failed. */
        FAILED,
        /**
         * The row says the migration ran but not whether it succeeded (a home-grown table's {@code success} is NULL, as
         * in rows merged in from an older table that had no such column): adopted as applied, with a note naming it.
         */
        OUTCOME_UNKNOWN,
        /** Recorded, but says nothing ran (Liquibase SKIPPED, Flyway DELETE). */
        IGNORED
    }

    public ForeignRow {
        Objects.requireNonNull(state, "state");
        if (version == null && name == null) {
            throw new IllegalArgumentException("a history row has a version or a name");
        }
    }

    /** A row of a tool that keeps no checksum but Flyway's ({@code crc32}). */
    public ForeignRow(int order, String version, String name, String description, String installedBy, Instant installedOn,
                      long millis, State state, Integer crc32) {
        this(order, version, name, description, installedBy, installedOn, millis, state, crc32, null);
    }

    /** How the row is named in messages. */
    String label() {
        return name != null ? name : "version " + version;
    }
}
