package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot.Policy;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The policies of a tenant table that let the application write a row of another tenant: a permissive policy for
 * INSERT, UPDATE or ALL whose check (its WITH CHECK; without one, the USING of an UPDATE or ALL policy) does not read
 * the tenant column, {@code FOR UPDATE USING (tenant_id = ...) WITH CHECK (true)}, unless a restrictive policy for the
 * same command reads it. A tenant then plants rows in another's data with {@code UPDATE t SET tenant_id = 'other'}:
 * PostgreSQL applies the SELECT policies to the new row only when the UPDATE reads a column (a WHERE), so no rolled-back
 * probe that touches one row can show it; the catalog does. A policy applies to the application when it is for PUBLIC
 * or for {@code checks.rls appRole}; one for another role (the bypass role) is taken as meant for that role.
 */
final class TenantWritePolicies {
    private final Pattern mentions;
    /** {@code tenant_id IS [NOT] NULL}, which reads the column without pinning it to one tenant. */
    private final Pattern nullTests;
    private final String appRole;

    TenantWritePolicies(VerifyOptions.RlsRule rule) {
        this.mentions = Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(rule.column()) + "\"?(?![\\w$])");
        this.nullTests = Pattern.compile("(?i)(?<![\\w$.])\"?" + Pattern.quote(rule.column()) + "\"?\\s+IS\\s+(NOT\\s+)?NULL");
        this.appRole = rule.appRole() == null ? null : rule.appRole().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an expression reads the tenant column other than to test it for NULL: {@code tenant_id IS NOT NULL} names
     * the column and lets every tenant's id through.
     */
    boolean reads(String expression) {
        return expression != null && mentions.matcher(nullTests.matcher(expression).replaceAll("")).find();
    }

    /** One line per command a lax policy opens, naming it; empty when every write is pinned to the tenant. */
    List<String> problems(Table table, String column) {
        List<String> problems = new ArrayList<>();
        for (String command : List.of("INSERT", "UPDATE")) {
            List<Policy> applying = table.policies().stream().filter(p -> appliesTo(p, command)).toList();
            boolean pinnedByRestrictive = applying.stream().anyMatch(p -> !p.permissive() && reads(check(p, command)));
            for (Policy policy : applying) {
                if (policy.permissive() && !pinnedByRestrictive && !reads(check(policy, command))) {
                    String check = check(policy, command);
                    problems.add(table.name() + ": policy " + policy.name() + " (FOR " + policy.command() + ") lets a tenant "
                            + (command.equals("INSERT") ? "insert rows" : "move its rows") + " into another tenant's data: its "
                            + (policy.withCheck() != null ? "WITH CHECK (" + check + ")" : check == null ? "missing WITH CHECK"
                            : "USING (" + check + "), its check without a WITH CHECK,") + " does not read " + column
                            + "; give it WITH CHECK (" + column + " = <the tenant setting>)");
                }
            }
        }
        return problems;
    }

    private boolean appliesTo(Policy policy, String command) {
        boolean forCommand = policy.command().equalsIgnoreCase("ALL") || policy.command().equalsIgnoreCase(command);
        boolean forApp = policy.roles().stream().map(r -> r.toLowerCase(Locale.ROOT))
                .anyMatch(r -> r.equals("public") || r.equals(appRole));
        return forCommand && forApp;
    }

    /** What a new row is checked with: the WITH CHECK, else (UPDATE and ALL) the USING. */
    private static String check(Policy policy, String command) {
        if (policy.withCheck() != null) {
            return policy.withCheck();
        }
        return policy.command().equalsIgnoreCase("INSERT") ? null : policy.using();
    }
}
