package dev.flotilla.sql;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link SchemaCatalog#tableColumns} read of one schema: the tables asked for that it holds, and its default
 * collation (what a MariaDB table created without one takes), and what the server gives a statement naming no engine or
 * collation. Immutable.
 *
 * @param tables by lower-case name; a name's table null where two tables' names differ in case alone (which one a
 *               statement means is not told)
 * @param collation the schema's default collation (MariaDB), or null where not read
 * @param server the server's defaults (MariaDB); {@link ServerDefaults#NONE} where not read
 */
public record SchemaTables(Map<String, CatalogTable> tables, String collation, ServerDefaults server) {
    public SchemaTables {
        tables = Collections.unmodifiableMap(new HashMap<>(tables));
        java.util.Objects.requireNonNull(server, "server");
    }

    /** Tables and the schema's collation, nothing of the server's defaults. */
    public SchemaTables(Map<String, CatalogTable> tables, String collation) {
        this(tables, collation, ServerDefaults.NONE);
    }

    /** No table, no collation: a schema not there, or none of the tables asked for in it. */
    public static final SchemaTables NONE = new SchemaTables(Map.of(), null);
}
