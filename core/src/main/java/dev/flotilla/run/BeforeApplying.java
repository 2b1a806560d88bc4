package dev.flotilla.run;

import java.sql.SQLException;

/**
 * Work a migration run does under the target lock, after reading the history and before applying anything: a
 * deployment's backup, which then holds the target exactly as the pending migrations find it (another run's
 * migration is either committed or not started), and is taken only when something is pending.
 */
@FunctionalInterface
interface BeforeApplying {
    BeforeApplying NOTHING = (pending, empty) -> { };

    /**
     * Runs with {@code pending} migrations about to be applied (0: the target is up to date); {@code empty} when the
     * target holds nothing yet (no history table, no table: a new tenant's schema or database), which has nothing
     * to back up.
     */
    void run(int pending, boolean empty) throws SQLException;

    /**
     * Runs before a migration run creates the target's schema, database or database file (a new tenant's), which
     * reaches the target before {@link #run} does; nothing by default.
     */
    default void beforeCreating() {
    }
}
