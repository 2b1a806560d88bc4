package dev.flotilla.run;

import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the guard of a shared schema's rollback reads on one target: the merge of its tenants' rows that refuses the
 * rollback ({@link TenantMerge}), or null; and what it says without refusing, each a sentence naming the target: a
 * filter on the tenant column the down files take away from a view or a table's row-level security ({@link
 * LostTenantFilters}), and, when nothing is refused, that where they copy the column is a guess. Immutable.
 */
public record TenantGuardRead(TenantMerge merge, List<String> notices) {
    public static final TenantGuardRead NOTHING = new TenantGuardRead(null, List.of());

    public TenantGuardRead {
        notices = List.copyOf(notices);
    }

    /** The guard's read of the down {@code scripts} on the session's target, for its tenant {@code column}. */
    static TenantGuardRead of(TargetSession session, List<PreparedScript> scripts, String column) throws SQLException {
        if (column == null || scripts.isEmpty()) {
            return NOTHING;
        }
        String target = session.spec().displayName();
        List<String> guesses = new ArrayList<>();
        // How the server tells names apart, read once for the merge's tables and the filters' views and routines.
        Dialect named = session.dialect().forNames(session.connection());
        TenantMerge merge = TenantMerge.find(session, named, scripts, column, guesses);
        List<String> notices = new ArrayList<>();
        if (merge == null && !guesses.isEmpty()) {
            notices.add(TenantMerge.uncertain(target, column, guesses));
        }
        if (touchesFilters(scripts)) {
            notices.addAll(LostTenantFilters.in(named, session.schema(), column,
                    SnapshotReader.of(session), scripts, target));
        }
        return new TenantGuardRead(merge, notices);
    }

    /** Whether the scripts may change a view or row-level security at all: the schema is read only then. */
    private static boolean touchesFilters(List<PreparedScript> scripts) {
        return scripts.stream().flatMap(s -> s.statements().stream()).map(s -> s.sql().toLowerCase(Locale.ROOT))
                .anyMatch(sql -> sql.contains("view") || sql.contains("policy") || sql.contains("function")
                        || sql.contains("procedure") || sql.contains("row level security"));
    }
}
