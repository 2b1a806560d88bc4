package dev.flotilla.sql;

import java.util.Map;

/**
 * What a MariaDB server gives a statement that names no engine or collation, as {@link SchemaCatalog#tableColumns} read
 * it on the session that runs the statements: what a foreign key on a table it creates is checked against. Immutable.
 *
 * @param engine the session's default storage engine, lower-case ({@code innodb}), or null where not read
 * @param utf8 the character set {@code utf8} names on that session ({@code utf8mb3} with MariaDB 10.11's default
 *             {@code old_mode}), or null where not read
 * @param collations by character set, its default collation (what {@code CHARACTER SET latin1} alone takes), for the
 *                   sets asked for; a set left out where not read
 */
public record ServerDefaults(String engine, String utf8, Map<String, String> collations) {
    public ServerDefaults {
        collations = Map.copyOf(collations);
    }

    /** Nothing read (PostgreSQL, or a schema not there). */
    public static final ServerDefaults NONE = new ServerDefaults(null, null, Map.of());
}
