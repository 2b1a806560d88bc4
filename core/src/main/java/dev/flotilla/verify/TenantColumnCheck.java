package dev.flotilla.verify;

import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import dev.flotilla.sql.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every table but the excluded ones carries the tenant column, NOT NULL and without NULL values, with an
 * index (or the primary key) leading with it; its unique constraints, its unique indexes and its foreign keys to
 * other tenant tables (the target's own, but the excluded ones) include it (the foreign keys unless switched off: a
 * shared schema's rule), so that neither uniqueness nor references cross tenants. Then seed 003's last checks:
 * the rows per tenant, and a query filtered on one tenant (the one checked, or the largest) served by an
 * index on every table.
 */
final class TenantColumnCheck implements Check {
    @Override
    public String id() {
        return "tenant-column";
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        VerifyOptions.TenantColumnRule rule = context.options().tenantColumn();
        if (rule == null) {
            return CheckResult.skipped(id(), "no tenant column configured (checks.tenant-column, or shared-schema tenancy)");
        }
        List<String> problems = new ArrayList<>();
        List<Table> carrying = new ArrayList<>();
        List<String> without = new ArrayList<>();
        int tables = 0;
        ConfiguredNames names = ConfiguredNames.of(context.dialect()); // as the server tells them apart
        for (Table table : context.snapshot().tables()) {
            if (rule.excludes(table.name(), names)) {
                continue;
            }
            tables++;
            if (table.column(rule.column()).isEmpty()) {
                without.add(table.name());
            }
            if (carries(context, rule, names, table, problems)) {
                carrying.add(table);
            }
        }
        TenantDistribution distribution = TenantDistribution.count(context, carrying, rule.column());
        String tenant = context.scope().shared() ? context.scope().value() : distribution.largest();
        if (tenant != null) {
            filteredQueries(context, carrying, rule.column(), tenant, problems);
        }
        CheckResult result = CheckResult.of(id(), tables + " table(s) carry " + rule.column() + " as required; rows per tenant: "
                + distribution.describe(5) + (tenant == null ? "" : "; WHERE " + rule.column() + " = "
                + TenantLiteral.of(carrying.isEmpty() ? null : carrying.get(0).column(rule.column()).orElseThrow(), tenant)
                + " is served by an index on " + carrying.size() + " table(s)"), problems);
        List<String> excluded = new ArrayList<>(rule.exclude());
        excluded.addAll(without);
        return without.isEmpty() ? result : result.noting("A tenant table needs " + rule.column() + " (NOT NULL, indexed):"
                + " add it in the migration that creates the table, or let `flotilla tenancy adopt` write the migration once"
                + " that one is applied. Only a table whose rows every tenant shares (reference data, one `tenancy adopt"
                + " --exclude` left as it is) belongs in checks.tenant-column.exclude of flotilla.yml (under checks:"
                + " tenant-column: { exclude: [" + String.join(", ", excluded) + "] })");
    }

    /** Checks one table, adding what is wrong; true when the column is there with an index leading with it. */
    private static boolean carries(CheckContext context, VerifyOptions.TenantColumnRule rule, ConfiguredNames names, Table table,
                                   List<String> problems) throws SQLException {
        Optional<Column> column = table.column(rule.column());
        if (column.isEmpty()) {
            problems.add(table.name() + ": no " + rule.column() + " column");
            return false;
        }
        String name = column.get().name();
        if (column.get().nullable()) {
            problems.add(table.name() + "." + name + " is nullable");
            long nulls = Long.parseLong(Jdbc.queryString(context.connection(), "SELECT COUNT(*) FROM "
                    + context.qualified(table.name()) + " WHERE " + context.dialect().quote(name) + " IS NULL"));
            if (nulls > 0) {
                problems.add(table.name() + "." + name + ": " + nulls + " NULL value(s)");
            }
        }
        boolean indexed = leadsAnIndex(table, name);
        if (!indexed) {
            problems.add(table.name() + ": no index leads with " + name);
        }
        for (Unique unique : table.uniques()) {
            if (unique.columns().stream().noneMatch(c -> table.sameColumn(c, name))) {
                problems.add(table.name() + ": unique (" + String.join(", ", unique.columns()) + ") does not include " + name);
            }
        }
        // A unique index that is no constraint (PostgreSQL's CREATE UNIQUE INDEX, a partial one) is as unique.
        for (Index index : table.indexes()) {
            if (index.unique() && table.uniques().stream().noneMatch(u -> u.name() != null && u.name().equals(index.name()))
                    && index.columns().stream().noneMatch(c -> table.sameColumn(c, name))) {
                problems.add(table.name() + ": unique index " + index.name() + " (" + String.join(", ", index.columns())
                        + ") does not include " + name);
            }
        }
        for (ForeignKey fk : rule.foreignKeys() ? table.foreignKeys() : List.<ForeignKey>of()) {
            // A key to another schema's table (a reference table all tenants share) is no key between tenant tables: the
            // column is required of the target's own tables alone, and tenancy adopt leaves such a key as it is.
            ReferencedTable referenced = ReferencedTable.of(context.snapshot(), fk);
            if (referenced.inOwnSchema() && rule.exclude().stream().noneMatch(excluded -> referenced.isNamedBy(excluded, names))
                    && fk.columns().stream().noneMatch(c -> table.sameColumn(c, name))) {
                problems.add(table.name() + "." + String.join(", ", fk.columns()) + " -> " + fk.referencedTable()
                        + ": the foreign key does not include " + name);
            }
        }
        return indexed;
    }

    /** Seed 003's filtered query, on every table that has an index for it: the plan must use the index. */
    private static void filteredQueries(CheckContext context, List<Table> tables, String column, String tenant,
                                        List<String> problems) throws SQLException {
        for (Table table : tables) {
            Column tenantColumn = table.column(column).orElseThrow();
            String name = tenantColumn.name();
            String literal = TenantLiteral.of(tenantColumn, tenant);
            String query = "SELECT * FROM " + context.qualified(table.name()) + " WHERE " + context.dialect().quote(name)
                    + " = " + literal;
            if (!IndexUsageCheck.scannedTables(context, query).isEmpty()) {
                problems.add(table.name() + ": WHERE " + name + " = " + literal + " scans the table instead of using an index");
            }
        }
    }

    private static boolean leadsAnIndex(Table table, String column) {
        boolean primary = !table.primaryKey().isEmpty() && table.sameColumn(table.primaryKey().get(0), column);
        return primary || table.indexes().stream().anyMatch(i -> !i.columns().isEmpty() && table.sameColumn(i.columns().get(0), column));
    }
}
