package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SchemaTables;
import dev.flotilla.sql.TableRead;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables a group of schemas read together holds, for their foreign keys' check ({@link ForeignKeyPreflight}): read
 * for every schema of the group at the first tenant's asking, so that a group's tenants, pending the same files, cost
 * one catalog query rather than one each; read again, for them all, only when a tenant names a table not asked for yet.
 * The other schemas a tenant's statements name ({@code REFERENCES shared.companies}) are read with the group's, once.
 * Where the dialect reads one schema at a time, one query a tenant as before. Not thread-safe: one per group's read.
 */
final class GroupColumns implements ForeignKeyPreflight.Columns {
    private final Dialect dialect;
    private final Connection connection;
    private final Set<String> asked = new LinkedHashSet<>();
    /** The group's schemas, and the others the tenants' statements name, read with them. */
    private final Set<String> schemas;
    private Map<String, SchemaTables> bySchema;

    GroupColumns(Dialect dialect, Connection connection, List<String> schemas) {
        this.dialect = dialect;
        this.connection = connection;
        this.schemas = new LinkedHashSet<>(schemas);
    }

    @Override
    public Map<String, SchemaTables> of(String schema, Set<String> others, TableRead tables) throws SQLException {
        if (bySchema == null || !asked.containsAll(tables.tables()) || !schemas.containsAll(others)) {
            Set<String> all = new LinkedHashSet<>(asked);
            all.addAll(tables.tables());
            Set<String> read = new LinkedHashSet<>(schemas);
            read.addAll(others);
            Map<String, SchemaTables> found = dialect.tableColumnsOfSchemas(connection, read, all);
            if (found == null) {
                return ForeignKeyPreflight.catalog(dialect, connection).of(schema, others, tables);
            }
            asked.addAll(all);
            schemas.addAll(others);
            bySchema = found;
        }
        Map<String, SchemaTables> wanted = new HashMap<>(); // the check copies what it follows the statements on
        for (String one : others) {
            wanted.put(one, bySchema.getOrDefault(one, SchemaTables.NONE));
        }
        wanted.put(schema, bySchema.getOrDefault(schema, SchemaTables.NONE));
        return wanted;
    }
}
