package dev.flotilla.plan;

/** Where one migration stands on one target: its file joined with its history. */
public enum MigrationState {
    /** Applied, and the file still has the checksum it was applied with. */
    APPLIED,
    /** Recorded by {@code baseline}: counted as applied, never run by Flotilla. */
    BASELINED,
    /** Not applied yet (or rolled back). */
    PENDING,
    /** Not applied, but a higher version already is: applied only when out-of-order runs are allowed. */
    OUT_OF_ORDER,
    /** A repeatable migration whose file changed since it last ran: it runs again. */
    OUTDATED,
    /** Its last run failed part-way; the target refuses to continue until repair or rollback. */
    FAILED,
    /** Applied, but the file was edited afterwards. */
    DRIFTED,
    /** Applied, but no file has its version any more. */
    MISSING;

    /** The lower-case word used in tables and JSON. */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }
}
