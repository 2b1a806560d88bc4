package dev.flotilla.target;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.LockRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A history table's rows, read by a target lock just after it was taken; see {@link HistoryTable#readAfterLock()}. */
final class LockedHistoryRead implements LockRequest.ReadAfterLock {
    private final Dialect dialect;
    private final String sql;
    private final ZoneId zone;
    private final List<AppliedMigration> rows = new ArrayList<>();

    LockedHistoryRead(Dialect dialect, String sql, ZoneId zone) {
        this.dialect = dialect;
        this.sql = sql;
        this.zone = zone;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public void rows(ResultSet result) throws SQLException {
        while (result.next()) {
            rows.add(HistoryTable.row(dialect, result, zone));
        }
    }

    List<AppliedMigration> rows() {
        return List.copyOf(rows);
    }
}
