package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code UNDO} rows without a version a rollback writes for the repeatables it pulled the ground from under (see
 * {@link dev.flotilla.plan.UndoneRepeatables}): the history then says why each runs again. The plan needs no mark to
 * see them pending, so a rollback that dies before writing them leaves them pending all the same.
 */
final class RepeatableMarks {
    private RepeatableMarks() {
    }

    /** Marks {@code repeatables} to run again, in one transaction; returns their scripts. */
    static List<String> write(Connection connection, HistoryTable history, List<AppliedMigration> repeatables,
                              String installedBy) throws SQLException {
        if (repeatables.isEmpty()) {
            return List.of();
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (AppliedMigration run : repeatables) {
                history.append(new AppliedMigration(0, null, run.description(), MigrationKind.UNDO, run.script(),
                        run.checksum(), installedBy, Instant.now(), 0, true, null, null));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            history.forget();
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return repeatables.stream().map(AppliedMigration::script).toList();
    }
}
