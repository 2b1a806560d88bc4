package dev.flotilla.lint;

import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code missing-rls}: on PostgreSQL, where row-level security is required, a table created with the tenant
 * column needs {@code ALTER TABLE .. ENABLE ROW LEVEL SECURITY} and a {@code CREATE POLICY .. ON} it later in the
 * same lint run (the same migration, or a later one); else its rows are visible to every tenant. Decided once
 * every script is read, since the policy usually comes after the table.
 */
final class RlsCoverage {
    private static final Pattern ENABLE = Pattern.compile("(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + SqlText.NAME
            + " .*\\bENABLE ROW LEVEL SECURITY\\b");
    private static final Pattern POLICY = Pattern.compile("(?i)^CREATE POLICY " + SqlText.NAME + " ON " + SqlText.NAME);

    private final SqlText text;
    private final List<Created> created = new ArrayList<>();
    private final Set<String> enabled = new HashSet<>();
    private final Set<String> policies = new HashSet<>();

    private record Created(String table, String column, String script, int line) {
    }

    RlsCoverage(SqlText text) {
        this.text = text;
    }

    /** Remembers a created table that carries a tenant column, among {@code columns}, lower-case. */
    void created(LintContext context, String table, List<String> columns, String script, int line) {
        if (!"postgresql".equals(context.dialect().name()) || context.options().rlsColumn() == null) {
            return;
        }
        for (String column : new String[] {context.options().rlsColumn(), context.tenantColumn()}) {
            if (column != null && columns.contains(text.name(column))) {
                created.add(new Created(table, column, script, line));
                return;
            }
        }
    }

    /** Notes a statement that enables row security on a table or creates a policy on it. */
    void statement(String sql) {
        Matcher m;
        if ((m = ENABLE.matcher(sql)).find()) {
            enabled.add(text.name(m.group(1)));
        } else if ((m = POLICY.matcher(sql)).find()) {
            policies.add(text.name(m.group(2)));
        }
    }

    /** Reports every created tenant table that did not get both. */
    void report(Reporter reporter) {
        for (Created table : created) {
            List<String> missing = new ArrayList<>();
            if (!enabled.contains(table.table())) {
                missing.add("ALTER TABLE " + table.table() + " ENABLE ROW LEVEL SECURITY");
            }
            if (!policies.contains(table.table())) {
                missing.add("CREATE POLICY ... ON " + table.table());
            }
            if (!missing.isEmpty()) {
                reporter.report(LintRule.MISSING_RLS, table.script(), table.line(), "creates tenant table " + table.table()
                        + " (it has " + table.column() + ") without " + String.join(" and ", missing) + ": every tenant"
                        + " would see and write its rows.", "Add them in this migration (ENABLE and FORCE ROW LEVEL SECURITY,"
                        + " and a policy on " + table.column() + "), or in a later one: `flotilla tenancy rls` writes that"
                        + " one once this migration is applied (it reads the live schema, where the table is not yet).");
            }
        }
    }

    @FunctionalInterface
    interface Reporter {
        void report(LintRule rule, String script, int line, String what, String remedy);
    }
}
