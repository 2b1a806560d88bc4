package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.SqlTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The views of {@link LostTenantFilters}: a view filtered on the tenant column recreated without that filter, or left
 * without {@code security_invoker} (PostgreSQL: it then reads its tables with its owner's rights, past row-level
 * security), followed statement by statement; a view the scripts drop is no finding. Not thread-safe.
 */
final class LostViewFilters {
    private static final Pattern INVOKER_OFF = Pattern.compile("security_invoker\\s*=\\s*'?(false|off|0|no)\\b",
            Pattern.CASE_INSENSITIVE);

    private final TenantFilterText filters;
    private final GuardNames names;
    /** By name's key ({@link GuardNames}): the views of the schema before the scripts, and what the scripts made of them. */
    private final Map<String, ViewState> views = new LinkedHashMap<>();

    private record ViewState(String name, String filter, boolean invoker, boolean gone, String script, String now,
                             boolean nowInvoker) {
    }

    LostViewFilters(TenantFilterText filters, GuardNames names, SchemaSnapshot before) {
        this.filters = filters;
        this.names = names;
        for (SchemaSnapshot.View view : before.views()) {
            String filter = view.materialized() ? null : filters.of(view.definition());
            views.put(names.stored(view.name()), new ViewState(view.name(), filter, view.securityInvoker(), false,
                    null, filter, view.securityInvoker()));
        }
    }

    /** {@code CREATE [OR REPLACE] [...] VIEW name [(columns)] [WITH (options)] AS query}, {@code at} after VIEW. */
    void created(String sql, List<SqlTerm> terms, int at, String script) {
        if (at < terms.size() && terms.get(at).isWord("IF")) {
            return; // IF NOT EXISTS leaves the view that is there
        }
        List<SqlTerm> name = new ArrayList<>();
        int next = TenantColumnDrops.nameAt(terms, at, name);
        String key = names.ours(name);
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
    void altered(String sql, List<SqlTerm> terms, String script) {
        int at = terms.get(2).isWord("IF") ? 4 : 2;
        List<SqlTerm> name = new ArrayList<>();
        int next = TenantColumnDrops.nameAt(terms, at, name);
        String key = names.ours(name);
        ViewState view = key == null ? null : views.get(key);
        if (view == null || view.gone() || next >= terms.size() || !sql.toLowerCase(Locale.ROOT).contains("security_invoker")) {
            return;
        }
        boolean invoker = terms.get(next).isWord("SET") && !INVOKER_OFF.matcher(sql).find();
        views.put(key, new ViewState(view.name(), view.filter(), view.invoker(), false, script, view.now(), invoker));
    }

    /** The view {@code key} (its name's key, of the target's schema) dropped by {@code script}, if it is one of them. */
    void dropped(String key, String script) {
        ViewState v = views.get(key);
        if (v != null) {
            views.put(key, new ViewState(v.name(), v.filter(), v.invoker(), true, script, null, false));
        }
    }

    /** A sentence per view that loses its filter or its security_invoker, naming {@code target}. */
    List<String> findings(String target, String column) {
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
        return found;
    }
}
