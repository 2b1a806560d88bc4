package dev.flotilla.run;

import dev.flotilla.sql.SqlTerm;
import dev.flotilla.sql.SqlText;
import java.util.List;
import java.util.Set;

/**
 * Where a query or a routine's code filters on a shared schema's tenant column: the clause ({@code WHERE}, a join's
 * {@code ON}, {@code HAVING}) that reads it, as written, read with the dialect's lexer (so a quoted or qualified column
 * counts, a string that spells it does not). For {@link LostTenantFilters}. Immutable.
 */
final class TenantFilterText {
    private static final Set<String> FILTERS = Set.of("where", "on", "having");
    private static final Set<String> CLAUSES = Set.of("select", "from", "group", "order", "limit", "union", "except",
            "intersect", "window", "join", "inner", "left", "right", "full", "cross", "natural", "returning", "fetch",
            "offset", "for");

    private final SqlText text;
    private final String column;

    TenantFilterText(SqlText text, String column) {
        this.text = text;
        this.column = column;
    }

    /**
     * The clause of {@code query} ({@code WHERE}, a join's {@code ON}, {@code HAVING}, in a subquery too) that reads the
     * tenant column, as written; null when none does.
     */
    String of(String query) {
        List<SqlTerm> terms = text.terms(query);
        int from = -1;
        for (int i = 0; i < terms.size(); i++) {
            SqlTerm term = terms.get(i);
            if (term.isWordIn(FILTERS)) {
                from = i;
            } else if (term.isWordIn(CLAUSES)) {
                from = -1;
            } else if (term.kind() == SqlTerm.Kind.GROUP && term.text().length() > 2) {
                String inner = term.text().substring(1, term.text().length() - 1);
                String nested = of(inner);
                if (nested != null) {
                    return nested;
                }
                if (from >= 0 && mentions(inner)) {
                    return clause(query, terms, from);
                }
            } else if (from >= 0 && isColumn(term)) {
                return clause(query, terms, from);
            }
        }
        return null;
    }

    /**
     * The filter on the tenant column of a routine's code: in the code itself (MariaDB's {@code RETURN (SELECT ...)}, {@code
     * BEGIN ... END}), else in its body given as a literal (PostgreSQL's {@code AS $$ ... $$} or {@code AS '...'}); null.
     */
    String ofBody(String code) {
        String filter = of(code);
        for (SqlTerm term : text.terms(code)) {
            if (filter == null && term.kind() == SqlTerm.Kind.LITERAL) {
                String literal = term.text();
                int tag = literal.startsWith("$") ? literal.indexOf('$', 1) + 1 : 1;
                if (tag > 0 && literal.length() >= 2 * tag) {
                    filter = of(literal.substring(tag, literal.length() - tag));
                }
            }
        }
        return filter;
    }

    /** The clause from its keyword at {@code from} to the next clause's, or the query's end. */
    private static String clause(String query, List<SqlTerm> terms, int from) {
        int end = from + 1;
        while (end < terms.size() && !terms.get(end).isWordIn(CLAUSES) && !terms.get(end).isWordIn(FILTERS)) {
            end++;
        }
        String clause = query.substring(terms.get(from).start(), end < terms.size() ? terms.get(end).start() : query.length())
                .strip().replaceAll("\\s*;$", "");
        return clause.length() > 200 ? clause.substring(0, 197) + "..." : clause;
    }

    /** Whether {@code code} reads the tenant column anywhere, in parentheses too. */
    boolean mentions(String code) {
        for (SqlTerm term : text.terms(code)) {
            if (isColumn(term) || term.kind() == SqlTerm.Kind.GROUP && term.text().length() > 2
                    && mentions(term.text().substring(1, term.text().length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private boolean isColumn(SqlTerm term) {
        return (term.kind() == SqlTerm.Kind.WORD || term.kind() == SqlTerm.Kind.QUOTED_NAME) && term.name().equalsIgnoreCase(column);
    }
}
