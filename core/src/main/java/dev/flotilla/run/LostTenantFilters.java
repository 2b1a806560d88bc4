package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps a shared schema's tenants apart that a rollback's down scripts would take away, read from their text
 * against the target's schema before them: a view filtered on the tenant column recreated without that filter ({@code
 * CREATE OR REPLACE VIEW v AS SELECT * FROM orders}), or without {@code security_invoker} (PostgreSQL: it reads its
 * tables with its owner's rights, past row-level security), and, on PostgreSQL, a table's row-level security switched off
 * ({@code DISABLE}, {@code NO FORCE}) or its last policy reading the tenant column dropped ({@code DROP POLICY}) or
 * changed not to read it. Followed statement by statement to the scripts' end, so a view or policy put back with its
 * filter is no finding, nor a table or view the scripts drop. A function or procedure whose body filters on the column
 * recreated without the filter ({@code CREATE OR REPLACE FUNCTION}) is found as a view is. One set into another schema
 * ({@code ALTER ... SET SCHEMA other}, PostgreSQL) has left the target's: followed as dropped. Each finding is a sentence:
 * which object, what filter it loses, in which script, and what to do. These are isolation leaks, not lost data: said,
 * not refused. Each kind of object is followed by its own reader: {@link LostViewFilters}, {@link LostRoutineFilters},
 * {@link LostRowSecurity}; this one hands each statement to the reader of what it changes. Not thread-safe.
 */
final class LostTenantFilters {
    private final LostViewFilters views;
    private final LostRoutineFilters routines;
    private final LostRowSecurity tables;
    private final GuardNames names;

    private LostTenantFilters(Dialect dialect, String schema, String column, SchemaSnapshot before) {
        SqlText text = dialect.text();
        TenantFilterText filters = new TenantFilterText(text, column);
        this.names = new GuardNames(dialect, schema);
        this.views = new LostViewFilters(filters, names, before);
        this.routines = new LostRoutineFilters(filters, names.ofRoutines(), text, before);
        this.tables = new LostRowSecurity(text, filters, names, before);
    }

    /**
     * The filters on {@code column} that the down {@code scripts} take away from what {@code before} (the target's schema,
     * {@code schema} its name or null) has, as sentences naming {@code target}; empty when they keep them all.
     */
    static List<String> in(Dialect dialect, String schema, String column, SchemaSnapshot before, List<PreparedScript> scripts,
                           String target) {
        SqlText text = dialect.text();
        LostTenantFilters followed = new LostTenantFilters(dialect, schema, column, before);
        for (PreparedScript script : scripts) {
            for (var statement : script.statements()) {
                String sql = text.normalize(statement.sql());
                followed.follow(sql, text.terms(sql), script.script());
            }
        }
        List<String> found = new ArrayList<>(followed.views.findings(target, column));
        found.addAll(followed.routines.findings(target, column));
        found.addAll(followed.tables.findings(target, column));
        return found;
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
                views.created(sql, terms, at + 1, script);
            } else if (at < terms.size() && (terms.get(at).isWord("FUNCTION") || terms.get(at).isWord("PROCEDURE"))) {
                routines.created(sql, terms, at + 1, script);
            } else if (at == 1 && terms.get(1).isWord("POLICY")) {
                tables.policy(terms, 2, script, true);
            }
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("POLICY")) {
            tables.policy(terms, 2, script, false);
        } else if (terms.get(0).isWord("DROP") && terms.get(1).isWord("POLICY")) {
            tables.droppedPolicy(terms, script);
        } else if (terms.get(0).isWord("DROP") && isRoutine(terms.get(1))) {
            routines.dropped(terms, script);
        } else if (terms.get(0).isWord("ALTER") && setsSchema(terms)) {
            movedAway(terms, script);
        } else if (terms.get(0).isWord("ALTER") && isRoutine(terms.get(1))) {
            routines.renamed(terms);
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("TABLE")) {
            tables.alteredTable(sql, terms, script);
        } else if (terms.get(0).isWord("ALTER") && terms.get(1).isWord("VIEW")) {
            views.altered(sql, terms, script);
        } else if (terms.get(0).isWord("DROP") && (terms.get(1).isWord("VIEW") || terms.get(1).isWord("TABLE"))) {
            dropped(terms, terms.get(1).isWord("VIEW"), script);
        }
    }

    /** FUNCTION, PROCEDURE, or PostgreSQL's ROUTINE (either) in {@code DROP} and {@code ALTER}. */
    private static boolean isRoutine(SqlTerm kind) {
        return kind.isWord("FUNCTION") || kind.isWord("PROCEDURE") || kind.isWord("ROUTINE");
    }

    /**
     * Whether {@code terms} are PostgreSQL's {@code ALTER TABLE|VIEW|MATERIALIZED VIEW|FUNCTION|PROCEDURE|ROUTINE [IF
     * EXISTS] [ONLY] name[(types)] SET SCHEMA other}.
     */
    private static boolean setsSchema(List<SqlTerm> terms) {
        SqlTerm kind = terms.get(1);
        if (!(kind.isWord("TABLE") || kind.isWord("VIEW") || kind.isWord("MATERIALIZED") || isRoutine(kind))) {
            return false; // a type's, an extension's ... name may be a table's: not what leaves
        }
        int next = nameEnd(terms);
        next += next < terms.size() && terms.get(next).kind() == SqlTerm.Kind.GROUP ? 1 : 0;
        return next + 1 < terms.size() && terms.get(next).isWord("SET") && terms.get(next + 1).isWord("SCHEMA");
    }

    /** Where the name an {@code ALTER} names ends, its words before it ({@code MATERIALIZED VIEW IF EXISTS ONLY}) passed. */
    private static int nameEnd(List<SqlTerm> terms, List<SqlTerm> name) {
        int at = terms.get(1).isWord("MATERIALIZED") ? 3 : 2;
        while (at < terms.size() && (terms.get(at).isWord("IF") || terms.get(at).isWord("EXISTS")
                || terms.get(at).isWord("ONLY"))) {
            at++;
        }
        return TenantColumnDrops.nameAt(terms, at, name);
    }

    private static int nameEnd(List<SqlTerm> terms) {
        return nameEnd(terms, new ArrayList<>());
    }

    /**
     * {@code ALTER ... SET SCHEMA other}: the object leaves the target's schema, as if dropped from it (what the scripts
     * then make under its name there is another); where it goes is not followed.
     */
    private void movedAway(List<SqlTerm> terms, String script) {
        if (isRoutine(terms.get(1))) {
            routines.dropped(terms, script);
            return;
        }
        List<SqlTerm> name = new ArrayList<>();
        nameEnd(terms, name);
        String key = names.ours(name);
        if (key != null) {
            views.dropped(key, script); // ALTER TABLE moves a view too: tables and views share their names
            tables.droppedTable(key, script);
        }
    }

    /** {@code DROP VIEW|TABLE [IF EXISTS] a, b ...}: each of the target's schema is gone. */
    private void dropped(List<SqlTerm> terms, boolean view, String script) {
        int at = terms.get(2).isWord("IF") ? 4 : 2;
        while (at < terms.size()) {
            List<SqlTerm> name = new ArrayList<>();
            at = TenantColumnDrops.nameAt(terms, at, name);
            String key = names.ours(name);
            if (key != null && view) {
                views.dropped(key, script);
            } else if (key != null) {
                tables.droppedTable(key, script);
            }
            if (at >= terms.size() || !terms.get(at).text().equals(",")) {
                break;
            }
            at++;
        }
    }
}
