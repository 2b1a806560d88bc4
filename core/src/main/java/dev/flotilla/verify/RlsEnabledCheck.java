package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL, every tenant table (it has the tenant column and is not excluded) has row security enabled
 * and forced, and at least one policy whose USING expression reads the tenant column, and no policy lets the
 * application write rows of another tenant ({@link TenantWritePolicies}); every view over tenant tables
 * is {@code security_invoker}, so that the policies bind its readers, not its owner. Reads the snapshot only;
 * whether the policies actually isolate is {@code rls-isolation}'s to prove.
 */
final class RlsEnabledCheck implements Check {
    @Override
    public String id() {
        return "rls-enabled";
    }

    @Override
    public CheckResult run(CheckContext context) {
        VerifyOptions.RlsRule rule = context.options().rls();
        String skipped = skipped(context);
        if (skipped != null) {
            return CheckResult.skipped(id(), skipped);
        }
        List<Table> tables = rule.tenantTables(context.snapshot());
        if (tables.isEmpty()) {
            return CheckResult.of(id(), "", List.of("no table has " + rule.column() + ": no row is isolated; adopt the column"
                    + " (flotilla tenancy adopt), then row-level security (flotilla tenancy rls)"));
        }
        TenantWritePolicies policies = new TenantWritePolicies(rule);
        List<String> problems = new ArrayList<>();
        for (Table table : tables) {
            List<String> missing = new ArrayList<>();
            if (!table.rowSecurity().enabled()) {
                missing.add("row security is not enabled");
            } else if (!table.rowSecurity().forced()) {
                missing.add("row security is not forced (its owner bypasses the policies)");
            }
            if (table.policies().stream().noneMatch(p -> policies.reads(p.using()))) {
                missing.add("no policy's USING reads " + rule.column());
            }
            if (!missing.isEmpty()) {
                problems.add(table.name() + ": " + String.join(", ", missing) + "; " + fix(context));
            }
            problems.addAll(policies.problems(table, rule.column()));
        }
        List<View> views = rule.tenantViews(context.snapshot()).stream().filter(v -> !v.materialized()).toList();
        for (View view : views) {
            if (!view.securityInvoker()) {
                problems.add(view.name() + ": a view over tenant tables that is not security_invoker: it reads them with its"
                        + " owner's rights, past the policies; write the fix with flotilla tenancy rls (ALTER VIEW "
                        + view.name() + " SET (security_invoker = true))");
            }
        }
        return CheckResult.of(id(), tables.size() + " tenant table(s) have row security enabled and forced, with a policy"
                + " on " + rule.column() + (views.isEmpty() ? "" : "; " + views.size() + " view(s) over them are security_invoker"),
                problems);
    }

    /**
     * How to fix a table: flotilla tenancy rls writes the migration from the live schema, where a table a pending
     * migration creates is not yet when a dry run finds it.
     */
    private static String fix(CheckContext context) {
        return context.dryRun() ? "a table a pending migration creates: add ENABLE and FORCE ROW LEVEL SECURITY and its"
                + " tenant_isolation policy to that migration (flotilla tenancy rls reads the live schema, where the table is"
                + " not yet); a table that exists already: write the fix with flotilla tenancy rls"
                : "write the fix with flotilla tenancy rls";
    }

    /** Why the row-level security checks do not apply here, or null when they do. */
    static String skipped(CheckContext context) {
        if (context.options().rls() == null) {
            return "no row-level security configured (checks.rls)";
        }
        if (!"postgresql".equals(context.dialect().name())) {
            return "row-level security is PostgreSQL's; " + context.dialect().name() + " has none";
        }
        if (context.snapshot().tables().isEmpty()) {
            return "the target has no tables yet";
        }
        return null;
    }
}
