package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeatable migrations a rollback pulled the ground from under: last applied after a migration it undid was
 * installed, so what they built may have gone with it (a view dropped by a down file, or by {@code CASCADE}). Each is
 * marked with an {@code UNDO} row without a version, as an undone migration is, so the next migrate applies it again
 * (repeatables are idempotent) and {@code status} shows it pending; the rows before stay. Read from the whole history,
 * not from one run, so a rollback resumed after a crash marks what the first attempt undid too.
 */
final class UndoneRepeatables {
    private UndoneRepeatables() {
    }

    /** The latest run of each repeatable that an undo recorded after it reaches under; oldest first. */
    static List<AppliedMigration> in(List<AppliedMigration> history) {
        Map<MigrationVersion, Integer> installed = new HashMap<>();
        Map<String, AppliedMigration> latestRepeatable = new LinkedHashMap<>();
        List<int[]> undone = new ArrayList<>(); // {rank the undone migration was installed at, rank of its undo}
        for (AppliedMigration row : history) {
            if (row.ofRepeatable()) {
                latestRepeatable.remove(row.description());
                latestRepeatable.put(row.description(), row);
            } else if (row.version() != null && row.success()) {
                MigrationVersion version = MigrationVersion.parse(row.version());
                if (row.kind() != MigrationKind.UNDO) {
                    installed.put(version, row.rank());
                } else if (installed.containsKey(version)) {
                    undone.add(new int[] {installed.remove(version), row.rank()});
                }
            }
        }
        return latestRepeatable.values().stream()
                .filter(r -> r.kind() == MigrationKind.REPEATABLE && r.success())
                .filter(r -> undone.stream().anyMatch(u -> u[0] < r.rank() && r.rank() < u[1]))
                .toList();
    }

    /** Marks {@code repeatables} (from {@link #in}) to run again, in one transaction; returns their scripts. */
    static List<String> mark(Connection connection, HistoryTable history, List<AppliedMigration> repeatables,
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
