package dev.flotilla.verify;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * No table lost rows during the deployment: counts taken before are compared with counts taken now, of the same
 * rows (the whole target's, one tenant's, or those of a shared schema's tables without the tenant column).
 */
final class RowCountsCheck implements Check {
    @Override
    public String id() {
        return "row-counts";
    }

    @Override
    public boolean readsTenantRows() {
        return true;
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        RowCounts before = context.rowsBefore();
        if (before == null) {
            return CheckResult.skipped(id(), "no row counts from before a deployment to compare with");
        }
        Map<String, Long> now = before.again(context.connection(), context.dialect(), context.schema(), context.snapshot()).byTable();
        String whose = before.scope().describe();
        String rowsOf = before.scope().shared() ? whose : "";
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : before.byTable().entrySet()) {
            total += entry.getValue();
            Long after = now.get(entry.getKey());
            if (after == null && entry.getValue() > 0) {
                problems.add(entry.getKey() + ": " + entry.getValue() + " row(s)" + rowsOf + " before, the table is gone");
            } else if (after != null && after < entry.getValue()) {
                problems.add(entry.getKey() + ": " + entry.getValue() + " row(s)" + rowsOf + " before, " + after + " after ("
                        + (entry.getValue() - after) + " lost)");
            }
        }
        return CheckResult.of(id(), "data loss: 0 rows" + whose + " (" + before.byTable().size() + " table(s), " + total
                + " row(s) before)", problems);
    }
}
