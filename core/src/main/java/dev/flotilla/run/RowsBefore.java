package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row counts a deployment (or a dry run) takes before migrating a target, for {@code row-counts} after it, with
 * each foreign key's orphan rows for {@code fk-orphans}: the whole target's; in a shared schema, each tenant's own
 * rows of the tables with the tenant column, and the tables without it (shared by all tenants) once for all of them.
 *
 * @param target the counts compared once for the target: all its tables, or a shared schema's tables without the column
 * @param byTenant each tenant's counts in a shared schema; empty otherwise
 */
record RowsBefore(RowCounts target, Map<TenantId, RowCounts> byTenant) {
    RowsBefore {
        byTenant = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTenant));
    }

    /**
     * @param sharedTenantColumn the tenant column when {@code group} shares the target's schema, null otherwise
     * @param rows whether to count the tables' rows (for {@code row-counts}): a table another session holds is waited for
     * @param orphans whether to count each foreign key's orphan rows too (for {@code fk-orphans})
     */
    static RowsBefore count(TargetSession session, List<TenantTarget> group, String sharedTenantColumn, boolean rows,
                            boolean orphans) throws SQLException {
        if (!session.schemaExists()) {
            RowCounts none = new RowCounts(Map.of());
            return new RowsBefore(orphans ? none.withNoOrphans() : none, Map.of());
        }
        List<TenantId> tenants = group.stream().map(t -> t.tenant().id()).toList();
        return count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session), tenants,
                sharedTenantColumn, rows, orphans);
    }

    /**
     * The counts of {@code schema} on {@code connection} (a target, its dry-run transaction or a clone's).
     *
     * @param sharedTenantColumn the tenant column when {@code tenants} share the schema, null otherwise
     * @param rows whether to count the tables' rows (for {@code row-counts})
     * @param orphans whether to count each foreign key's orphan rows too (for {@code fk-orphans})
     */
    static RowsBefore count(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot,
                            List<TenantId> tenants, String sharedTenantColumn, boolean rows, boolean orphans)
            throws SQLException {
        Counter counter = scope -> {
            RowCounts counted = rows ? RowCounts.count(connection, dialect, schema, snapshot, scope)
                    : new RowCounts(Map.of(), scope);
            return orphans ? counted.withOrphans(connection, dialect, schema, snapshot) : counted;
        };
        if (sharedTenantColumn == null) {
            return new RowsBefore(counter.count(TenantScope.WHOLE_TARGET), Map.of());
        }
        Map<TenantId, RowCounts> byTenant = new LinkedHashMap<>();
        for (TenantId tenant : tenants) {
            byTenant.put(tenant, counter.count(new TenantScope(sharedTenantColumn, tenant.value())));
        }
        return new RowsBefore(counter.count(TenantScope.sharedTables(sharedTenantColumn)), byTenant);
    }

    @FunctionalInterface
    private interface Counter {
        RowCounts count(TenantScope scope) throws SQLException;
    }
}
