package dev.flotilla.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows whose parent row is missing, for every foreign key: possible where the constraint was added
 * {@code NOT VALID}, checks were switched off during a load (MariaDB {@code FOREIGN_KEY_CHECKS=0}), or never
 * enforced (SQLite without {@code PRAGMA foreign_keys}). After a deployment, with each key's orphans counted before
 * it ({@link RowCounts#orphansByKey}), only what the deployment introduced fails: more orphans under a key than
 * before, or any under a key it added (NOT VALID, or with the checks off: rows that were there may break it). Orphans
 * already there before are said in the message, with their counts, and pass. Without counts from before (on demand),
 * every orphan fails.
 */
final class FkOrphansCheck implements Check {
    @Override
    public String id() {
        return "fk-orphans";
    }

    @Override
    public boolean readsTenantRows() {
        return true;
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        TenantScope scope = context.scope();
        String rowsOf = scope.shared() ? scope.describe() : "";
        Map<String, Long> now = ForeignKeyOrphans.count(context.connection(), context.dialect(), context.schema(),
                context.snapshot(), scope);
        Map<String, Long> before = context.rowsBefore() == null ? null : context.rowsBefore().orphansByKey();
        List<String> problems = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        for (Map.Entry<String, Long> key : now.entrySet()) {
            long orphans = key.getValue();
            if (orphans == 0) {
                continue;
            }
            String found = key.getKey() + ": " + orphans + " orphan row(s)" + rowsOf;
            Long was = before == null ? null : before.get(key.getKey());
            if (before == null) {
                problems.add(found);
            } else if (was == null) {
                problems.add(found + " under a foreign key this deployment added (NOT VALID, or with foreign key checks"
                        + " off): delete or fix those rows, then validate the key (PostgreSQL: ALTER TABLE .. VALIDATE"
                        + " CONSTRAINT)");
            } else if (orphans > was) {
                problems.add(found + ", " + was + " before the deployment (" + (orphans - was) + " new)");
            } else {
                earlier.add(found + (orphans < was ? " (" + was + " before)" : ""));
            }
        }
        String checked = now.size() + " foreign key(s) without " + (before == null ? "" : "new ") + "orphan rows"
                + scope.describe();
        CheckResult result = CheckResult.of(id(), checked, problems);
        return earlier.isEmpty() ? result : result.noting("Notice: orphan rows already there before the deployment, not"
                + " counted as failures: " + String.join("; ", earlier) + ".");
    }
}
