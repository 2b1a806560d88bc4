package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.SqlTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions and procedures of {@link LostTenantFilters}: one whose body filters on the tenant column recreated
 * without the filter ({@code CREATE OR REPLACE FUNCTION}), found as a view is; overloads go together by name, and one the
 * scripts drop is no finding. Not thread-safe.
 */
final class LostRoutineFilters {
    private final TenantFilterText filters;
    private final String schema;
    /** By lower-case name: the schema's functions and procedures whose body filters on the tenant column. */
    private final Map<String, RoutineState> routines = new LinkedHashMap<>();

    /** A function or procedure by its name (overloads together): the filter its body had, and has after the scripts. */
    private record RoutineState(String name, String kind, String filter, boolean gone, String script, String now) {
    }

    LostRoutineFilters(TenantFilterText filters, String schema, SchemaSnapshot before) {
        this.filters = filters;
        this.schema = schema;
        for (SchemaSnapshot.Routine routine : before.routines()) {
            String filter = filters.ofBody(routine.definition());
            String name = routine.signature().replaceAll("\\(.*", "");
            if (filter != null) {
                routines.putIfAbsent(name.toLowerCase(Locale.ROOT), new RoutineState(name, routine.kind(), filter, false, null,
                        filter));
            }
        }
    }

    /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE name(...) ... body}, {@code at} after FUNCTION or PROCEDURE. */
    void created(String sql, List<SqlTerm> terms, int at, String script) {
        List<SqlTerm> name = new ArrayList<>();
        int body = TenantColumnDrops.nameAt(terms, at, name);
        String key = LostTenantFilters.ours(name, schema);
        RoutineState was = key == null ? null : routines.get(key);
        if (was != null && body < terms.size()) {
            routines.put(key, new RoutineState(was.name(), was.kind(), was.filter(), false, script,
                    filters.ofBody(sql.substring(terms.get(body).start()))));
        }
    }

    /** {@code DROP FUNCTION|PROCEDURE [IF EXISTS] name ...}. */
    void dropped(List<SqlTerm> terms, String script) {
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, terms.get(2).isWord("IF") ? 4 : 2, name);
        String key = LostTenantFilters.ours(name, schema);
        RoutineState was = key == null ? null : routines.get(key);
        if (was != null) {
            routines.put(key, new RoutineState(was.name(), was.kind(), was.filter(), true, script, null));
        }
    }

    /** A sentence per function or procedure recreated without its filter, naming {@code target}. */
    List<String> findings(String target, String column) {
        List<String> found = new ArrayList<>();
        for (RoutineState routine : routines.values()) {
            if (!routine.gone() && routine.script() != null && routine.now() == null) {
                found.add(target + ": " + routine.script() + " recreates the " + routine.kind() + " " + routine.name()
                        + " without its filter on the tenant column " + column + " (" + routine.filter() + "): once rolled back,"
                        + " it reads every tenant's rows for whoever may call it. Keep the filter in the down file's "
                        + routine.kind() + ", or revoke the application's EXECUTE on " + routine.name() + " before rolling back.");
            }
        }
        return found;
    }
}
