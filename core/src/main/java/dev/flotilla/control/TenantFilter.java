package dev.flotilla.control;

import java.util.ArrayList;
import java.util.List;

/** The WHERE clause that picks the tenants a listing shows: by id or name containing a text, by group. */
final class TenantFilter {
    private TenantFilter() {
    }

    /** The clause for {@code search} and {@code group} (null or blank: no condition), its parameters added in order. */
    static String matching(String search, String group, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            conditions.add("(LOWER(id) LIKE ? OR LOWER(name) LIKE ?)");
            String pattern = "%" + literal(search.trim().toLowerCase(java.util.Locale.ROOT)) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (group != null && !group.isBlank()) {
            // groups_list is comma-separated: match the whole name, wherever it stands.
            conditions.add("(',' || groups_list || ',') LIKE ?");
            parameters.add("%," + literal(group.trim()) + ",%");
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Text matched as itself by LIKE (whose escape character is H2's and PostgreSQL's default, the backslash):
     * {@code eu_west} not {@code eu-west}. The audit log's filter uses it too.
     */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
