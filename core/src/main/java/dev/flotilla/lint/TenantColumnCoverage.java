package dev.flotilla.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule {@code missing-tenant-column}: in a shared schema, a table created without the tenant column, unless listed
 * as shared. The finding follows the table through the lint run: withdrawn when a later statement (an adoption
 * migration after the one that created it) gives the table the column, renames a table created with it to its name
 * (a SQLite rebuild), or drops it. Not thread-safe; one per lint call.
 */
final class TenantColumnCoverage {
    private final LintContext context;
    private final LintReport report;
    /** The run's findings, by the table's current name. */
    private final Map<String, LintFinding> without = new HashMap<>();
    /** The tables the run created with the column, by current name. */
    private final Set<String> with = new HashSet<>();

    TenantColumnCoverage(LintContext context, LintReport report) {
        this.context = context;
        this.report = report;
    }

    /** A table created with {@code columns}, lower-case. */
    void created(String table, List<String> columns, String script, int line) {
        String column = context.tenantColumn();
        if (column == null) {
            return;
        }
        if (columns.contains(column.toLowerCase(Locale.ROOT))) {
            with.add(table);
        } else if (!context.options().shared(table)) {
            LintFinding finding = report.report(LintRule.MISSING_TENANT_COLUMN, script, line, "creates table " + table
                    + " without the tenant column " + column + ": in a shared schema its rows would belong to no tenant and"
                    + " be visible to all.", "Add " + column + " (NOT NULL, indexed, in the row-level-security policy), or list"
                    + " the table as shared in checks.tenant-column.exclude.");
            if (finding != null) {
                without.put(table, finding);
            }
        }
    }

    /** A column added to a table: the tenant column answers the table's finding. */
    void columnAdded(String table, String column) {
        String tenantColumn = context.tenantColumn();
        if (tenantColumn != null && column.equals(tenantColumn.toLowerCase(Locale.ROOT))) {
            report.withdraw(without.remove(table));
        }
    }

    /** A table renamed: its finding goes with its name; one created with the column answers the finding of its new name. */
    void renamed(String from, String to) {
        LintFinding lacking = without.remove(from);
        if (lacking != null) {
            without.put(to, lacking);
        } else if (with.remove(from)) {
            with.add(to);
            report.withdraw(without.remove(to));
        }
    }

    /** A table dropped: no rows of it are left to belong to no tenant. */
    void dropped(String table) {
        with.remove(table);
        report.withdraw(without.remove(table));
    }
}
