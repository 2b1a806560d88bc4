package dev.flotilla.run;

/**
 * Told of each migration a run applied (or undid), as it ends, before the next starts: a deployment task writes it to
 * its log then, so that a process killed in the next one leaves the line. Runs on the run's thread, target lock held.
 */
@FunctionalInterface
interface EachMigration {
    EachMigration NONE = (run, script, dialect, schema) -> { };

    /**
     * @param script what ran, as prepared; {@code dialect} the target's, as the script was split for it
     * @param schema the target's schema (its database on MariaDB), where the statements' unqualified names are
     */
    void ran(MigrationRun run, PreparedScript script, dev.flotilla.sql.Dialect dialect, String schema);
}
