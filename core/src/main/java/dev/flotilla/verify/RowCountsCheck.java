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
        return CheckResult.of(id(), noneLost(before.scope(), before.byTable().size(), total), problems);
    }

    /**
     * What a pass says: whose rows were counted, in how many tables, before the migrations; plainly when there were none
     * (a tenant with no rows yet), or no table to count them in (a tenant's rows before an adoption gave the tables the
     * tenant column: {@link RowCounts#again} then compares those tables whole, as shared by all tenants).
     */
    static String noneLost(TenantScope scope, int tables, long rows) {
        String where = tables + " table(s)" + (scope.shared() ? " with " + scope.column() : "");
        if (tables == 0) {
            return subject(scope, "to compare") + ": " + (scope.shared() ? "no table had " + scope.column() + " before the"
                    + " migrations, so none of its rows could be counted apart; those tables are compared whole, as shared by"
                    + " all tenants" : scope.column() != null ? "every table had " + scope.column() + " before the migrations"
                    : "there was no table before the migrations");
        }
        if (rows == 0) {
            return subject(scope, "to lose") + ": " + where + " held none" + (scope.shared() ? " of its rows" : "")
                    + " before the migrations";
        }
        return subject(scope, "lost") + ": " + where + " held " + rows + (scope.shared() ? " of its" : "") + " row(s)"
                + " before the migrations, none fewer after";
    }

    /** "no rows of acme lost", "no rows lost in the tables without tenant_id, shared by all tenants", "no rows lost". */
    private static String subject(TenantScope scope, String what) {
        return scope.shared() ? "no rows of " + scope.value() + " " + what
                : scope.column() != null ? "no rows " + what + scope.describe() : "no rows " + what;
    }
}
