package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What keeps a shared schema's tenants apart that a rollback's down scripts would take away, read from their text
 * against the target's schema before them: a view filtered on the tenant column recreated without that filter ({@code
 * CREATE OR REPLACE VIEW v AS SELECT * FROM orders}), or without {@code security_invoker} (PostgreSQL: it reads its
 * tables with its owner's rights, past row-level security), and, on PostgreSQL, a table's row-level security switched off
 * ({@code DISABLE}, {@code NO FORCE}) or its last policy reading the tenant column dropped ({@code DROP POLICY}) or
 * changed not to read it. Followed statement by statement to the scripts' end, so a view or policy put back with its
 * filter is no finding, nor a table or view the scripts drop. A function or procedure whose body filters on the column
 * recreated without the filter ({@code CREATE OR REPLACE FUNCTION}) is found as a view is. Each finding is a sentence:
 * which object, what filter it loses, in which script, and what to do. These are isolation leaks, not lost data: said,
 * not refused.
 */
final class LostTenantFilters {
    private static final Pattern INVOKER_OFF = Pattern.compile("security_invoker\\s*=\\s*'?(false|off|0|no)\\b",
            Pattern.CASE_INSENSITIVE);

    private final SqlText text;
    private final TenantFilterText filters;
    private final String schema;
    private final String column;
    /** By lower-case name: the views of the schema before the scripts, and what the scripts made of them. */
    private final Map<String, ViewState> views = new LinkedHashMap<>();
    private final Map<String, TableState> tables = new LinkedHashMap<>();

    private record ViewState(String name, String filter, boolean invoker, boolean gone, String script, String now,
                             boolean nowInvoker) {
    }

    /** A function or procedure by its name (overloads together): the filter its body had, and has after the scripts. */
    private record RoutineState(String name, String kind, String filter, boolean gone, String script, String now) {
    }

    /** By lower-case name: the schema's functions and procedures whose body filters on the tenant column. */
    private final Map<String, RoutineState> routines = new LinkedHashMap<>();

    private record PolicyState(String filter, boolean filters) {
    }

    private record TableState(String name, boolean enabled, boolean forced, Map<String, PolicyState> policies,
                              boolean gone, String script, Map<String, PolicyState> before, boolean enabledBefore,
                              boolean forcedBefore) {
    }

    private LostTenantFilters(SqlText text, String schema, String column, SchemaSnapshot before) {
        this.text = text;
        this.filters = new TenantFilterText(text, column);
        this.schema = schema;
        this.column = column;
        for (SchemaSnapshot.View view : before.views()) {
            String filter = view.materialized() ? null : filters.of(view.definition());
            views.put(view.name().toLowerCase(Locale.ROOT), new ViewState(view.name(), filter, view.securityInvoker(), false,
                    null, filter, view.securityInvoker()));
        }
        for (SchemaSnapshot.Routine routine : before.routines()) {
            String filter = filters.ofBody(routine.definition());
            String name = routine.signature().replaceAll("\\(.*", "");
            if (filter != null) {
                routines.putIfAbsent(name.toLowerCase(Locale.ROOT), new RoutineState(name, routine.kind(), filter, false, null,
                        filter));
            }
        }
        for (SchemaSnapshot.Table table : before.tables()) {
            Map<String, PolicyState> policies = new LinkedHashMap<>();
            table.policies().forEach(p -> policies.put(p.name().toLowerCase(Locale.ROOT), policy(p.using(), p.withCheck())));
            SchemaSnapshot.RowSecurity security = table.rowSecurity() == null ? SchemaSnapshot.RowSecurity.OFF
                    : table.rowSecurity();
            tables.put(table.name().toLowerCase(Locale.ROOT), new TableState(table.name(), security.enabled(),
                    security.forced(), policies, false, null, Map.copyOf(policies), security.enabled(), security.forced()));
        }
    }

    /**
     * The filters on {@code column} that the down {@code scripts} take away from what {@code before} (the target's schema,
     * {@code schema} its name or null) has, as sentences naming {@code target}; empty when they keep them all.
     */
    static List<String> in(SqlText text, String schema, String column, SchemaSnapshot before, List<PreparedScript> scripts,
                           String target) {
        LostTenantFilters followed = new LostTenantFilters(text, schema, column, before);
        for (PreparedScript script : scripts) {
            for (var statement : script.statements()) {
                String sql = text.normalize(statement.sql());
                followed.follow(sql, text.terms(sql), script.script());
            }
        }
        return followed.findings(target);
    }

    private void follow(String sql, List<SqlTerm> terms, String script) {
        if (terms.size() < 3) {
            return;
        }
        if (terms.get(0).isWord("CREATE")) {
            int at = 1;
            while (at < terms.size() && !terms.get(at).isWord("VIEW") && !terms.get(at).isWord("POLICY")
                    && !terms.get(at).isWord("TABLE") && !terms.get(at).isWord("AS") && !terms.get(at).isWord("FUNCTION")
                    && !terms.get(at).isWord("PROCEDURE")) {
                at++;
            }
            if (at < terms.size() && terms.get(at).isWord("VIEW")) {
                createdView(sql, terms, at + 1, script);
            } else if (at < terms.size() && (terms.get(at).isWord("FUNCTION") || terms.get(at).isWord("PROCEDURE"))) {
                List<SqlTerm> name = new ArrayList<>();
                int body = TenantColumnDrops.nameAt(terms, at + 1, name);
                RoutineState was = routines.get(String.valueOf(ours(name)));
                if (was != null && body < terms.size()) {
                    routines.put(ours(name), new RoutineState(was.name(), was.kind(), was.filter(), false, script,
                            filters.ofBody(sql.substring(terms.get(body).start()))));
                }
            } else if (at == 1 && terms.get(1).isWord("POLICY")) {
                policy(terms, 2, script, true);
            }
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("POLICY")) {
            policy(terms, 2, script, false);
        } else if (terms.get(0).isWord("DROP") && terms.get(1).isWord("POLICY")) {
            int at = terms.get(2).isWord("IF") ? 4 : 2;
            String policy = at < terms.size() ? terms.get(at).name().toLowerCase(Locale.ROOT) : null;
            TableState table = at + 2 < terms.size() && terms.get(at + 1).isWord("ON") ? table(terms, at + 2) : null;
            if (table != null && policy != null && table.policies().containsKey(policy)) {
                Map<String, PolicyState> policies = new LinkedHashMap<>(table.policies());
                policies.remove(policy);
                put(table, table.enabled(), table.forced(), policies, script);
            }
        } else if (terms.get(0).isWord("DROP") && (terms.get(1).isWord("FUNCTION") || terms.get(1).isWord("PROCEDURE"))) {
            List<SqlTerm> name = new ArrayList<>();
            TenantColumnDrops.nameAt(terms, terms.get(2).isWord("IF") ? 4 : 2, name);
            RoutineState was = routines.get(String.valueOf(ours(name)));
            if (was != null) {
                routines.put(ours(name), new RoutineState(was.name(), was.kind(), was.filter(), true, script, null));
            }
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("TABLE")) {
            alteredTable(sql, terms, script);
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("VIEW")) {
            alteredView(sql, terms, script);
        } else if (terms.get(0).isWord("DROP") && (terms.get(1).isWord("VIEW") || terms.get(1).isWord("TABLE"))) {
            boolean view = terms.get(1).isWord("VIEW");
            int at = terms.get(2).isWord("IF") ? 4 : 2;
            while (at < terms.size()) {
                List<SqlTerm> name = new ArrayList<>();
                at = TenantColumnDrops.nameAt(terms, at, name);
                String key = ours(name);
                if (view && key != null && views.containsKey(key)) {
                    ViewState v = views.get(key);
                    views.put(key, new ViewState(v.name(), v.filter(), v.invoker(), true, script, null, false));
                } else if (!view && key != null && tables.containsKey(key)) {
                    TableState t = tables.get(key);
                    tables.put(key, new TableState(t.name(), false, false, Map.of(), true, script, t.before(),
                            t.enabledBefore(), t.forcedBefore()));
                }
                if (at >= terms.size() || !terms.get(at).text().equals(",")) {
                    break;
                }
                at++;
            }
        }
    }

    /** {@code CREATE [OR REPLACE] [...] VIEW name [(columns)] [WITH (options)] AS query}. */
    private void createdView(String sql, List<SqlTerm> terms, int at, String script) {
        if (at < terms.size() && terms.get(at).isWord("IF")) {
            return; // IF NOT EXISTS leaves the view that is there
        }
        List<SqlTerm> name = new ArrayList<>();
        int next = TenantColumnDrops.nameAt(terms, at, name);
        String key = ours(name);
        ViewState view = key == null ? null : views.get(key);
        if (view == null) {
            return;
        }
        while (next < terms.size() && !terms.get(next).isWord("AS")) {
            next++;
        }
        String head = sql.substring(0, next < terms.size() ? terms.get(next).start() : sql.length());
        String query = next + 1 < terms.size() ? sql.substring(terms.get(next + 1).start()) : "";
        boolean invoker = head.toLowerCase(Locale.ROOT).contains("security_invoker") && !INVOKER_OFF.matcher(head).find();
        views.put(key, new ViewState(view.name(), view.filter(), view.invoker(), false, script, filters.of(query), invoker));
    }

    /** PostgreSQL's {@code ALTER VIEW v SET (security_invoker = false)} and {@code RESET (security_invoker)}. */
    private void alteredView(String sql, List<SqlTerm> terms, String script) {
        int at = terms.get(2).isWord("IF") ? 4 : 2;
        List<SqlTerm> name = new ArrayList<>();
        int next = TenantColumnDrops.nameAt(terms, at, name);
        String key = ours(name);
        ViewState view = key == null ? null : views.get(key);
        if (view == null || view.gone() || next >= terms.size() || !sql.toLowerCase(Locale.ROOT).contains("security_invoker")) {
            return;
        }
        boolean invoker = terms.get(next).isWord("SET") && !INVOKER_OFF.matcher(sql).find();
        views.put(key, new ViewState(view.name(), view.filter(), view.invoker(), false, script, view.now(), invoker));
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] t action, ...}: the row-level-security actions among them. */
    private void alteredTable(String sql, List<SqlTerm> terms, String script) {
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
    private void policy(List<SqlTerm> terms, int at, String script, boolean created) {
        if (at + 2 >= terms.size() || !terms.get(at + 1).isWord("ON")) {
            return;
        }
        String policy = terms.get(at).name().toLowerCase(Locale.ROOT);
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

    private PolicyState policy(String using, String check) {
        String filter = using != null ? using : check;
        return new PolicyState(filter, filter != null && filters.mentions(filter));
    }

    private void put(TableState table, boolean enabled, boolean forced, Map<String, PolicyState> policies, String script) {
        tables.put(table.name().toLowerCase(Locale.ROOT), new TableState(table.name(), enabled, forced, Map.copyOf(policies),
                false, script, table.before(), table.enabledBefore(), table.forcedBefore()));
    }

    /** The table of the target's schema named at {@code at}, as the scripts have left it so far; null for another. */
    private TableState table(List<SqlTerm> terms, int at) {
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, at, name);
        String key = ours(name);
        TableState table = key == null ? null : tables.get(key);
        return table == null || table.gone() ? null : table;
    }

    /** The lower-case name of an object of the target's schema, or null when {@code parts} name another's or nothing. */
    private String ours(List<SqlTerm> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        String qualifier = parts.size() > 1 ? parts.get(parts.size() - 2).name() : null;
        return qualifier == null || schema == null || qualifier.equalsIgnoreCase(schema)
                ? parts.get(parts.size() - 1).name().toLowerCase(Locale.ROOT) : null;
    }


    private List<String> findings(String target) {
        List<String> found = new ArrayList<>();
        for (ViewState view : views.values()) {
            if (view.gone() || view.script() == null) {
                continue;
            }
            if (view.filter() != null && view.now() == null) {
                found.add(target + ": " + view.script() + " recreates the view " + view.name() + " without its filter on the"
                        + " tenant column " + column + " (" + view.filter() + "): once rolled back, it shows every tenant's rows"
                        + " to whoever may read it. Keep the filter in the down file's view, or revoke the application's"
                        + " SELECT on " + view.name() + " before rolling back.");
            } else if (view.invoker() && !view.nowInvoker()) {
                found.add(target + ": " + view.script() + " leaves the view " + view.name() + " without security_invoker:"
                        + " once rolled back, it reads its tables with its owner's rights, past their row-level security, and"
                        + " shows every tenant's rows to whoever may read it. Keep WITH (security_invoker = true) in the down"
                        + " file, or run `flotilla tenancy rls` again after the rollback (its migration sets it back).");
            }
        }
        for (RoutineState routine : routines.values()) {
            if (!routine.gone() && routine.script() != null && routine.now() == null) {
                found.add(target + ": " + routine.script() + " recreates the " + routine.kind() + " " + routine.name()
                        + " without its filter on the tenant column " + column + " (" + routine.filter() + "): once rolled back,"
                        + " it reads every tenant's rows for whoever may call it. Keep the filter in the down file's "
                        + routine.kind() + ", or revoke the application's EXECUTE on " + routine.name() + " before rolling back.");
            }
        }
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
