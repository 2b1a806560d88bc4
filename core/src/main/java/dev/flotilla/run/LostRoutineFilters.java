package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.RoutineSignature;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions and procedures of {@link LostTenantFilters}: one whose body filters on the tenant column recreated
 * without the filter ({@code CREATE OR REPLACE FUNCTION}), found as a view is; one the scripts drop is no finding.
 * Overloads are told apart by their parameters' types ({@link RoutineSignature}), by their count only where the types
 * written cannot be compared; a statement naming a routine without them ({@code DROP FUNCTION f}), or on a database
 * without overloads (MariaDB), names the only one so named. A statement saying FUNCTION names functions only, one saying
 * PROCEDURE procedures only, as the servers read them (PostgreSQL refuses {@code DROP FUNCTION} of a procedure, and its
 * {@code DROP FUNCTION f} names the only function {@code f} beside procedures so named; MariaDB keeps a function and a
 * procedure of one name apart); PostgreSQL's ROUTINE names either. Not thread-safe.
 */
final class LostRoutineFilters {
    private final TenantFilterText filters;
    private final GuardNames names;
    private final SqlText text;
    /** The schema's functions and procedures whose body filters on the tenant column, in the catalog's order. */
    private final Map<String, RoutineState> routines = new LinkedHashMap<>();

    /**
     * A function or procedure: its name's key ({@link GuardNames}) and parameters' types, the filter its body had, and has
     * after the scripts.
     */
    private record RoutineState(String key, RoutineSignature types, String name, String kind, String filter, boolean gone,
                                String script, String now) {
        RoutineState after(boolean dropped, String by, String filter) {
            return new RoutineState(key, types, name, kind, this.filter, dropped, by, filter);
        }

        /** Known as {@code to} (its key {@code toKey}) after {@code ALTER ... RENAME TO}; overloads still by signature. */
        RoutineState renamed(String toKey, String to) {
            String shown = name.contains("(") ? to + name.substring(name.indexOf('(')) : to;
            return new RoutineState(toKey, types, shown, kind, filter, gone, script, now);
        }
    }

    LostRoutineFilters(TenantFilterText filters, GuardNames names, SqlText text, SchemaSnapshot before) {
        this.filters = filters;
        this.names = names;
        this.text = text;
        for (SchemaSnapshot.Routine routine : before.routines()) {
            String filter = filters.ofBody(routine.definition());
            String name = routine.signature().replaceAll("\\(.*", "");
            if (filter != null) {
                routines.put(routine.kind() + " " + routine.signature(), new RoutineState(names.stored(name),
                        RoutineSignature.ofSignature(text, routine.signature()), name, routine.kind(), filter, false, null, filter));
            }
        }
        if (routines.values().stream().map(RoutineState::key).distinct().count() < routines.size()) {
            routines.replaceAll((identity, r) -> new RoutineState(r.key(), r.types(), identity.substring(identity.indexOf(' ')
                    + 1), r.kind(), r.filter(), false, null, r.filter()));
        }
    }

    /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE name(...) ... body}, {@code at} after FUNCTION or PROCEDURE. */
    void created(String sql, List<SqlTerm> terms, int at, String script) {
        List<SqlTerm> name = new ArrayList<>();
        int body = TenantColumnDrops.nameAt(terms, at, name);
        String found = named(kindOf(terms.get(at - 1)), name, body < terms.size() ? terms.get(body) : null, true);
        if (found != null && body < terms.size()) {
            routines.put(found, routines.get(found).after(false, script, filters.ofBody(sql.substring(terms.get(body).start()))));
        }
    }

    /** {@code DROP FUNCTION|PROCEDURE|ROUTINE [IF EXISTS] name[(types)] [, ...] ...}: each one named is gone. */
    void dropped(List<SqlTerm> terms, String script) {
        int at = terms.get(2).isWord("IF") ? 4 : 2;
        while (at < terms.size()) {
            List<SqlTerm> name = new ArrayList<>();
            int next = TenantColumnDrops.nameAt(terms, at, name);
            SqlTerm group = next < terms.size() && terms.get(next).kind() == SqlTerm.Kind.GROUP ? terms.get(next) : null;
            String found = named(kindOf(terms.get(1)), name, group, false);
            if (found != null) {
                routines.put(found, routines.get(found).after(true, script, null));
            }
            at = group == null ? next : next + 1;
            if (name.isEmpty() || at >= terms.size() || !terms.get(at).text().equals(",")) {
                break;
            }
            at++;
        }
    }

    /**
     * {@code ALTER FUNCTION|PROCEDURE|ROUTINE name[(types)] RENAME TO new} (PostgreSQL): the one named is known by the new
     * name after it, in the same schema; a later statement naming the old name names another.
     */
    void renamed(List<SqlTerm> terms) {
        List<SqlTerm> name = new ArrayList<>();
        int next = TenantColumnDrops.nameAt(terms, 2, name);
        SqlTerm group = next < terms.size() && terms.get(next).kind() == SqlTerm.Kind.GROUP ? terms.get(next) : null;
        int rename = group == null ? next : next + 1;
        if (rename + 2 >= terms.size() || !terms.get(rename).isWord("RENAME") || !terms.get(rename + 1).isWord("TO")) {
            return;
        }
        List<SqlTerm> to = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, rename + 2, to);
        String found = named(kindOf(terms.get(1)), name, group, false);
        if (found != null && !to.isEmpty()) {
            SqlTerm last = to.get(to.size() - 1);
            routines.put(found, routines.get(found).renamed(names.written(last), last.name()));
        }
    }

    /**
     * The routine of {@code kind} ({@code function}, {@code procedure}, or null for either: ROUTINE) {@code name} with the
     * parameters {@code group} (a parenthesised term, or none) stands for: where a
     * name is one routine (MariaDB), or no parameters are written, the only one of the name; else the one of the same
     * types ({@code create}: input types alike; else as a {@code DROP} or {@code ALTER} names it, {@link
     * RoutineSignature#namedBy}), or, where the types written cannot be compared ({@link RoutineSignature#comparable}), the
     * only one of as many input parameters. Other types written are another overload, not the filtered one; a list that
     * names two (a procedure's, PostgreSQL refuses as ambiguous) names none.
     */
    private String named(String kind, List<SqlTerm> name, SqlTerm group, boolean create) {
        String key = names.ours(name);
        List<Map.Entry<String, RoutineState>> alike = routines.entrySet().stream().filter(e -> e.getValue().key().equals(key)
                && (kind == null || e.getValue().kind().equals(kind))).toList();
        if (group == null || group.kind() != SqlTerm.Kind.GROUP || !names.dialect().overloadsRoutines()) {
            return alike.size() == 1 ? alike.get(0).getKey() : null;
        }
        RoutineSignature written = RoutineSignature.of(text, group.text().substring(1, group.text().length() - 1));
        List<Map.Entry<String, RoutineState>> same = alike.stream().filter(e -> create
                ? e.getValue().types().types().equals(written.types())
                : e.getValue().types().namedBy(written, e.getValue().kind().equals("procedure"))).toList();
        if (same.size() == 1) {
            return same.get(0).getKey();
        }
        return written.comparable() ? null : counted(alike, written);
    }

    /** The kind a statement's word names: {@code function}, {@code procedure}; null for ROUTINE, either. */
    private static String kindOf(SqlTerm word) {
        return word.isWord("FUNCTION") ? "function" : word.isWord("PROCEDURE") ? "procedure" : null;
    }

    /** Where the types written cannot be compared, the only routine of as many input parameters. */
    private static String counted(List<Map.Entry<String, RoutineState>> alike, RoutineSignature written) {
        List<Map.Entry<String, RoutineState>> counted = alike.stream()
                .filter(e -> e.getValue().types().types().size() == written.types().size()).toList();
        return counted.size() == 1 ? counted.get(0).getKey() : null;
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
