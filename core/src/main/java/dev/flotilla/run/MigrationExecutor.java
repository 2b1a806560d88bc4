package dev.flotilla.run;

import java.sql.SQLException;

/**
 * Runs prepared scripts on one target. A migrate and a dry run walk the same plan and differ only in the
 * executor: {@link ApplyingExecutor} keeps the effects and records them, {@link RollingBackExecutor} undoes them.
 * The caller calls {@link #begin()}, then {@link #run} per script until one fails, then always {@link #finish()}.
 */
interface MigrationExecutor {
    void begin() throws SQLException;

    MigrationRun run(PreparedScript script) throws SQLException;

    void finish() throws SQLException;
}
