package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SchemaTables;
import dev.flotilla.sql.TableRead;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables a group of schemas read together holds, for their foreign keys' check ({@link ForeignKeyPreflight}): read
 * for every schema of the group at the first tenant's asking, so that a group's tenants, pending the same files, cost
 * one catalog query rather than one each; read again, for them all, only when a tenant names a table not asked for yet.
 * Where the dialect reads one schema at a time, one query a tenant as before. Not thread-safe: one per group's read.
 */
final class GroupColumns implements ForeignKeyPreflight.Columns {
    private final Dialect dialect;
    private final Connection connection;
    private final List<String> schemas;
    private final Set<String> asked = new LinkedHashSet<>();
    private Map<String, SchemaTables> bySchema;

    GroupColumns(Dialect dialect, Connection connection, List<String> schemas) {
        this.dialect = dialect;
        this.connection = connection;
        this.schemas = schemas;
    }

    @Override
    public SchemaTables of(String schema, TableRead tables) throws SQLException {
        if (bySchema == null || !asked.containsAll(tables.tables())) {
            Set<String> all = new LinkedHashSet<>(asked);
            all.addAll(tables.tables());
            Map<String, SchemaTables> read = dialect.tableColumnsOfSchemas(connection, schemas, all);
            if (read == null) {
                return dialect.tableColumns(connection, schema, tables);
            }
            asked.addAll(all);
            bySchema = read;
        }
        return bySchema.getOrDefault(schema, SchemaTables.NONE); // the check copies what it follows the statements on
    }
}
