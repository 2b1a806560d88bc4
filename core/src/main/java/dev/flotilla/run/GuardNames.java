package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlTerm;
import java.util.List;

/**
 * How {@link LostTenantFilters} tells the target's objects apart, by the dialect's identifier rules: a name the catalog
 * stores and a name the down scripts write are the same object when their {@link Dialect#identifierKey keys} are equal
 * (on PostgreSQL {@code "Mine"} is not {@code mine}, and {@code Mine} is). Immutable.
 *
 * @param schema the target's schema, null for any: a name qualified with another is not the target's
 */
record GuardNames(Dialect dialect, String schema) {
    /** The key of a name as the catalog stores it. */
    String stored(String name) {
        return dialect.identifierKey(name, true);
    }

    /** The key of one name as written. */
    String written(SqlTerm name) {
        return dialect.identifierKey(name.name(), name.kind() == SqlTerm.Kind.QUOTED_NAME);
    }

    /** The key of an object of the target's schema named by {@code parts} (qualified or not); null for another's or none. */
    String ours(List<SqlTerm> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        String qualifier = parts.size() > 1 ? parts.get(parts.size() - 2).name() : null;
        return qualifier == null || schema == null || qualifier.equalsIgnoreCase(schema) ? written(parts.get(parts.size() - 1))
                : null;
    }
}
