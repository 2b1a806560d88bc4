package dev.flotilla.scratch;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.Set;

/**
 * Copies one target's structure (tables, keys, indexes, constraints, views, triggers; optionally the first
 * rows of each table) into a new scratch database. The target is only read.
 */
public interface ScratchClone {
    /**
     * How the message of a copy that could not be made starts ("Copying the structure of TARGET ... failed: ..."): a dry
     * run's record kept only that text before the control plane kept its code (CLONE_FAILED, V23), and for such a record it
     * still tells the wizard that nothing was tested there.
     */
    String COPYING = "Copying the structure of";

    /**
     * Creates the copy. On failure nothing is left behind.
     *
     * @param excluded tables not to copy (Flotilla's history table)
     * @param sample the rows to copy per table (in a shared schema, maybe one tenant's); {@link RowSample#NONE} for
     *     the structure only
     */
    Scratch create(TargetSession source, Set<String> excluded, RowSample sample) throws SQLException;

    /** True when this dialect can be cloned. */
    static boolean supports(String dialect) {
        return switch (dialect) {
            case "postgresql", "mariadb", "h2" -> true;
            default -> false;
        };
    }

    /**
     * @param lockWait how long copying the target's structure waits for a table another session holds (pg_dump's
     *     --lock-wait-timeout on PostgreSQL); null: without bound
     */
    static ScratchClone forDialect(String dialect, java.time.Duration lockWait) {
        return switch (dialect) {
            case "postgresql" -> new PostgresScratchClone(lockWait);
            case "mariadb" -> new MariaDbScratchClone();
            case "h2" -> new H2ScratchClone();
            default -> throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "A dry run on a scratch clone is not"
                    + " supported yet on " + dialect + "; dry-run in a rolled-back transaction instead (--mode transaction).");
        };
    }
}
