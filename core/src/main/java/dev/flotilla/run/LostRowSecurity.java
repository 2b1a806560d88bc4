package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables' row-level security of {@link LostTenantFilters} (PostgreSQL): switched off ({@code DISABLE}), no longer
 * forced ({@code NO FORCE}), or its last policy reading the tenant column dropped ({@code DROP POLICY}) or changed not
 * to read it, followed statement by statement; a policy put back with its filter, or a table the scripts drop, is no
 * finding. Not thread-safe.
 */
final class LostRowSecurity {
    private final SqlText text;
    private final TenantFilterText filters;
    private final GuardNames names;
    /** By name's key ({@link GuardNames}): the tables of the schema before the scripts, and what the scripts made of them. */
    private final Map<String, TableState> tables = new LinkedHashMap<>();

    private record PolicyState(String filter, boolean filters) {
    }

    private record TableState(String name, boolean enabled, boolean forced, Map<String, PolicyState> policies,
                              boolean gone, String script, Map<String, PolicyState> before, boolean enabledBefore,
                              boolean forcedBefore) {
    }

    LostRowSecurity(SqlText text, TenantFilterText filters, GuardNames names, SchemaSnapshot before) {
        this.text = text;
        this.filters = filters;
        this.names = names;
        for (SchemaSnapshot.Table table : before.tables()) {
            Map<String, PolicyState> policies = new LinkedHashMap<>();
            table.policies().forEach(p -> policies.put(names.stored(p.name()), policy(p.using(), p.withCheck())));
            SchemaSnapshot.RowSecurity security = table.rowSecurity() == null ? SchemaSnapshot.RowSecurity.OFF
                    : table.rowSecurity();
            tables.put(names.stored(table.name()), new TableState(table.name(), security.enabled(),
                    security.forced(), policies, false, null, Map.copyOf(policies), security.enabled(), security.forced()));
        }
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] t action, ...}: the row-level-security actions among them. */
    void alteredTable(String sql, List<SqlTerm> terms, String script) {
        int at = 2;
        while (at < terms.size() && (terms.get(at).isWord("IF") || terms.get(at).isWord("EXISTS") || terms.get(at).isWord("ONLY"))) {
            at++;
        }
        TableState table = table(terms, at);
        if (table == null) {
            return;
        }
        List<SqlTerm> name = new ArrayList<>();
        int actions = TenantColumnDrops.nameAt(terms, at, name);
        if (actions >= terms.size()) {
            return;
        }
        boolean enabled = table.enabled();
        boolean forced = table.forced();
        for (String action : text.splitTopLevel(sql.substring(terms.get(actions).start()))) {
            String words = action.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            switch (words) {
                case "DISABLE ROW LEVEL SECURITY" -> enabled = false;
                case "ENABLE ROW LEVEL SECURITY" -> enabled = true;
                case "NO FORCE ROW LEVEL SECURITY" -> forced = false;
                case "FORCE ROW LEVEL SECURITY" -> forced = true;
                default -> {
                }
            }
        }
        if (enabled != table.enabled() || forced != table.forced()) {
            put(table, enabled, forced, table.policies(), script);
        }
    }

    /** {@code CREATE POLICY p ON t ... USING (...) WITH CHECK (...)}, or {@code ALTER POLICY p ON t ...} changing them. */
    void policy(List<SqlTerm> terms, int at, String script, boolean created) {
        if (at + 2 >= terms.size() || !terms.get(at + 1).isWord("ON")) {
            return;
        }
        String policy = names.written(terms.get(at));
        TableState table = table(terms, at + 2);
        if (table == null) {
            return;
        }
        String using = null;
        String check = null;
        for (int i = at + 2; i + 1 < terms.size(); i++) {
            if (terms.get(i).isWord("USING") && terms.get(i + 1).kind() == SqlTerm.Kind.GROUP) {
                using = terms.get(i + 1).text();
            } else if (terms.get(i).isWord("CHECK") && terms.get(i + 1).kind() == SqlTerm.Kind.GROUP) {
                check = terms.get(i + 1).text();
            }
        }
        PolicyState was = table.policies().get(policy);
        if (!created && (was == null || using == null && check == null)) {
            return; // a rename or a change of roles keeps what the policy reads
        }
        PolicyState now = created ? policy(using, check) : policy(using != null ? using : was.filter(), check);
        Map<String, PolicyState> policies = new LinkedHashMap<>(table.policies());
        policies.put(policy, now);
        put(table, table.enabled(), table.forced(), policies, script);
    }

    /** {@code DROP POLICY [IF EXISTS] p ON t}. */
    void droppedPolicy(List<SqlTerm> terms, String script) {
        int at = terms.get(2).isWord("IF") ? 4 : 2;
        String policy = at < terms.size() ? names.written(terms.get(at)) : null;
        TableState table = at + 2 < terms.size() && terms.get(at + 1).isWord("ON") ? table(terms, at + 2) : null;
        if (table != null && policy != null && table.policies().containsKey(policy)) {
            Map<String, PolicyState> policies = new LinkedHashMap<>(table.policies());
            policies.remove(policy);
            put(table, table.enabled(), table.forced(), policies, script);
        }
    }

    /** The table {@code key} (its name's key, of the target's schema) dropped by {@code script}, if it is one of them. */
    void droppedTable(String key, String script) {
        TableState t = tables.get(key);
        if (t != null) {
            tables.put(key, new TableState(t.name(), false, false, Map.of(), true, script, t.before(), t.enabledBefore(),
                    t.forcedBefore()));
        }
    }

    private PolicyState policy(String using, String check) {
        String filter = using != null ? using : check;
        return new PolicyState(filter, filter != null && filters.mentions(filter));
    }

    private void put(TableState table, boolean enabled, boolean forced, Map<String, PolicyState> policies, String script) {
        tables.put(names.stored(table.name()), new TableState(table.name(), enabled, forced, Map.copyOf(policies),
                false, script, table.before(), table.enabledBefore(), table.forcedBefore()));
    }

    /** The table of the target's schema named at {@code at}, as the scripts have left it so far; null for another. */
    private TableState table(List<SqlTerm> terms, int at) {
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, at, name);
        String key = names.ours(name);
        TableState table = key == null ? null : tables.get(key);
        return table == null || table.gone() ? null : table;
    }

    /** A sentence per table whose row-level security no longer keeps its tenants apart, naming {@code target}. */
    List<String> findings(String target, String column) {
        List<String> found = new ArrayList<>();
        for (TableState table : tables.values()) {
            List<String> filtering = table.before().entrySet().stream().filter(e -> e.getValue().filters()).map(Map.Entry::getKey)
                    .toList();
            if (table.gone() || table.script() == null || !table.enabledBefore() || filtering.isEmpty()) {
                continue;
            }
            String policy = filtering.get(0) + " (USING " + table.before().get(filtering.get(0)).filter() + ")";
            String remedy = " Keep the row-level security in the down file, or run `flotilla tenancy rls` again after the"
                    + " rollback (it writes the migration that puts it back).";
            if (!table.enabled()) {
                found.add(target + ": " + table.script() + " switches row-level security off on " + table.name() + ": its"
                        + " policy " + policy + " no longer filters its rows by tenant, and every tenant's rows are visible to"
                        + " the application." + remedy);
            } else if (table.policies().values().stream().noneMatch(PolicyState::filters)) {
                found.add(target + ": " + table.script() + " leaves " + table.name() + " with no policy reading the tenant"
                        + " column " + column + " (" + policy + " dropped or changed): what its other policies let through,"
                        + " every tenant's rows alike, is all that binds the application." + remedy);
            } else if (table.forcedBefore() && !table.forced()) {
                found.add(target + ": " + table.script() + " no longer forces row-level security on " + table.name() + ": its"
                        + " owner (the application, where it connects as the owner) reads every tenant's rows past its policy "
                        + policy + "." + remedy);
            }
        }
        return found;
    }
}
