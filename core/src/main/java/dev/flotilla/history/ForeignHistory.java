package dev.flotilla.history;

import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.List;

/** Another tool's history on one target, read in that tool's order of execution. */
public final class ForeignHistory {
    private ForeignHistory() {
    }

    public static List<ForeignRow> read(TargetSession session, HistorySource source) throws SQLException {
        return ForeignHistoryReader.of(source).read(session.connection(), session.dialect(), session.schema(), source,
                session.spec().displayName());
    }
}
