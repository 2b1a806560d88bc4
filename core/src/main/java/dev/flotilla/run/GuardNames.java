package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlTerm;
import java.util.List;

/**
 * How {@link LostTenantFilters} tells the target's objects apart, by the dialect's identifier rules: a name the catalog
 * stores and a name the down scripts write are the same object when their {@link Dialect#identifierKey keys} are equal
 * (on PostgreSQL {@code "Mine"} is not {@code mine}, and {@code Mine} is; on MariaDB they are one view unless the server's
 * {@code lower_case_table_names} is 0), functions' and procedures' by {@link Dialect#routineKey}. Immutable.
 *
 * @param dialect the dialect as the target's server tells names apart ({@link Dialect#forNames})
 * @param schema the target's schema, null for any: a name qualified with another is not the target's
 * @param routines whether the names are functions' and procedures'
 */
record GuardNames(Dialect dialect, String schema, boolean routines) {
    /** The names of tables, views and policies. */
    GuardNames(Dialect dialect, String schema) {
        this(dialect, schema, false);
    }

    /** The same rules for functions' and procedures' names. */
    GuardNames ofRoutines() {
        return new GuardNames(dialect, schema, true);
    }

    /** The key of a name as the catalog stores it. */
    String stored(String name) {
        return key(name, true);
    }

    /** The key of one name as written. */
    String written(SqlTerm name) {
        return key(name.name(), name.kind() == SqlTerm.Kind.QUOTED_NAME);
    }

    /**
     * The key of an object of the target's schema named by {@code parts} (qualified or not); null for another's or none.
     * A qualifier is compared with the schema as a schema's name is, by the rules of tables' names (on PostgreSQL a bare
     * {@code App} is the schema {@code app}; on MariaDB a database's name keeps case as a table's does).
     */
    String ours(List<SqlTerm> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        SqlTerm qualifier = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        boolean own = qualifier == null || schema == null || dialect.identifierKey(qualifier.name(), qualifier.kind()
                == SqlTerm.Kind.QUOTED_NAME).equals(dialect.identifierKey(schema, true));
        return own ? written(parts.get(parts.size() - 1)) : null;
    }

    private String key(String name, boolean quoted) {
        return routines ? dialect.routineKey(name, quoted) : dialect.identifierKey(name, quoted);
    }
}
