package dev.flotilla.tenancy;

import dev.flotilla.schema.SchemaSnapshot.Policy;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The up and down scripts of {@link RowLevelSecurity} on PostgreSQL. Every up statement can run again (DROP
 * POLICY IF EXISTS before CREATE POLICY; ENABLE and FORCE are idempotent), and the down script gives back each
 * table as it was: row security stays enabled or forced where it was before, and a policy the up script
 * replaced is created again as it was. Views over the tables become {@code security_invoker}, and the down script
 * resets them.
 */
final class RlsScripts {
    private final SqlNames names;
    private final String column;
    private final String setting;
    private final String role;

    RlsScripts(SqlNames names, RlsRequest request, String column) {
        this.names = names;
        this.column = column;
        this.setting = request.setting();
        this.role = names.catalogCase(request.bypassRole());
    }

    String up(List<Table> tables, List<View> views) {
        ScriptText up = new ScriptText();
        up.comment("the bypass role, created once per server");
        // A migration of another schema on the same server may create the role in between: that is fine too.
        up.line("DO $$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + SqlNames.literal(role) + ") THEN\n"
                + "        CREATE ROLE " + names.sql(role) + " NOLOGIN;\n    END IF;\n"
                + "EXCEPTION WHEN duplicate_object OR unique_violation THEN\n    NULL;\nEND\n$$;");
        for (Table table : tables) {
            String t = names.sql(table.name());
            String matches = names.sql(column) + " = " + currentTenant(table);
            up.blank().comment(table.name());
            up.statement("ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY");
            up.statement("ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY");
            up.statement("DROP POLICY IF EXISTS " + RowLevelSecurity.ISOLATION_POLICY + " ON " + t);
            up.statement("CREATE POLICY " + RowLevelSecurity.ISOLATION_POLICY + " ON " + t + " USING (" + matches
                    + ") WITH CHECK (" + matches + ")");
            up.statement("DROP POLICY IF EXISTS " + RowLevelSecurity.BYPASS_POLICY + " ON " + t);
            up.statement("CREATE POLICY " + RowLevelSecurity.BYPASS_POLICY + " ON " + t + " TO " + names.sql(role)
                    + " USING (true) WITH CHECK (true)");
        }
        for (View view : views) {
            up.blank().comment(view.name() + ": its readers, not its owner, are bound by the policies");
            up.statement("ALTER VIEW " + names.sql(view.name()) + " SET (security_invoker = true)");
        }
        return up.toString();
    }

    String down(List<Table> tables, List<View> views) {
        ScriptText down = new ScriptText();
        for (View view : views.reversed()) {
            down.blank().comment(view.name());
            down.statement("ALTER VIEW " + names.sql(view.name()) + " RESET (security_invoker)");
        }
        List<Table> reversed = new ArrayList<>(tables);
        Collections.reverse(reversed);
        for (Table table : reversed) {
            String t = names.sql(table.name());
            down.blank().comment(table.name());
            for (String name : List.of(RowLevelSecurity.BYPASS_POLICY, RowLevelSecurity.ISOLATION_POLICY)) {
                down.statement("DROP POLICY IF EXISTS " + name + " ON " + t);
                existing(table, name).ifPresent(policy -> down.statement(create(t, policy)));
            }
            if (!table.rowSecurity().forced()) {
                down.statement("ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY");
            }
            if (!table.rowSecurity().enabled()) {
                down.statement("ALTER TABLE " + t + " DISABLE ROW LEVEL SECURITY");
            }
        }
        return down.toString();
    }

    /** What a reviewer should know about a table that is not as plain as the scripts assume. */
    List<String> notesOn(Table table) {
        List<String> notes = new ArrayList<>();
        if (table.rowSecurity().enabled()) {
            notes.add(table.name() + ": row security was " + (table.rowSecurity().forced() ? "enabled and forced" : "enabled")
                    + " already; the down file leaves it so");
        }
        for (String name : List.of(RowLevelSecurity.ISOLATION_POLICY, RowLevelSecurity.BYPASS_POLICY)) {
            existing(table, name).ifPresent(p -> notes.add(table.name() + ": its policy " + name + " is replaced; the down"
                    + " file creates it again as it was"));
        }
        List<String> others = table.policies().stream().map(Policy::name)
                .filter(n -> !n.equals(RowLevelSecurity.ISOLATION_POLICY) && !n.equals(RowLevelSecurity.BYPASS_POLICY)).toList();
        if (!others.isEmpty()) {
            notes.add(table.name() + ": has other policies " + others + "; permissive ones widen what a tenant sees, review them");
        }
        return notes;
    }

    /**
     * The current tenant as the column's type. NULLIF because a setting once set in a session reads back as ''
     * after its transaction, not as NULL: '' would fail the cast to uuid or bigint instead of matching no row.
     */
    private String currentTenant(Table table) {
        String tenant = "NULLIF(current_setting(" + SqlNames.literal(setting) + ", true), '')";
        String type = table.column(column).orElseThrow().type().replaceFirst(" generated .*$", "");
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.equals("text") || lower.startsWith("character varying") ? tenant : tenant + "::" + type;
    }

    private String create(String table, Policy policy) {
        return "CREATE POLICY " + names.sql(policy.name()) + " ON " + table + (policy.permissive() ? "" : " AS RESTRICTIVE")
                + " FOR " + policy.command() + " TO " + names.list(policy.roles())
                + (policy.using() == null ? "" : " USING (" + policy.using() + ")")
                + (policy.withCheck() == null ? "" : " WITH CHECK (" + policy.withCheck() + ")");
    }

    private static Optional<Policy> existing(Table table, String name) {
        return table.policies().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
