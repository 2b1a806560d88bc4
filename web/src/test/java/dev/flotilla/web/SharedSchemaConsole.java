package dev.flotilla.web;

import dev.flotilla.TargetOptions;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A demo console whose fleet is two new tenants, acme and globex, sharing one schema (the demo's own tenants, deployed
 * to in files of their own, removed): for the tests of a shared schema's rollbacks and repairs. The caller drops the
 * schema.
 */
final class SharedSchemaConsole {
    /** A shared schema's checks: every table has the tenant column tenant_id, by which the tenants share it. */
    static final VerifyOptions TENANT_COLUMN_CHECKS = VerifyOptions.DEFAULTS.withTenantColumn(
            new VerifyOptions.TenantColumnRule("tenant_id", Set.of(), true)).sharedBy("tenant_id");

    private SharedSchemaConsole() {
    }

    /** The console in {@code folder} whose tenants share the schema {@code schema} of the test server. */
    static DemoConsole on(Path folder, String schema, Path migrations, VerifyOptions checks) {
        return on(folder, new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, schema,
                TestDatabases.POSTGRES_USER, null, null, null), migrations, checks);
    }

    /** The console in {@code folder} whose tenants share {@code tenancy}, deploying {@code migrations}, checked so. */
    static DemoConsole on(Path folder, Tenancy tenancy, Path migrations, VerifyOptions checks) {
        return new DemoConsole(folder, fleet -> {
            fleet.plane().tenants().all().forEach(t -> fleet.plane().tenants().remove(t.tenant().id()));
            fleet.plane().tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()));
            fleet.plane().tenants().add(new Tenant(TenantId.of("globex"), "Globex", null, null, List.of()));
            return new ConsoleFleet(fleet.plane(), tenancy,
                    new TargetOptions(null, migrations, Map.of(), null, null, null, null, null, "demo"),
                    fleet.deploy().withVerify(checks), fleet.dryRun());
        });
    }

    /**
     * The console on the schema {@code schema}, created with its table orders (tenant_id indexed) before any migration,
     * whose V2 sets up row-level security on orders and whose U2 switches it off; its tenant column checked.
     */
    static DemoConsole withRowSecurity(Path folder, String schema) throws IOException, SQLException {
        Path migrations = Files.createDirectories(folder.resolve("shared-migrations"));
        // The table was there before any migration: the deployment rolled back is V2's alone.
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema, "CREATE TABLE " + schema
                + ".orders (item text, tenant_id text NOT NULL)", "CREATE INDEX orders_tenant ON " + schema + ".orders (tenant_id)");
        Files.writeString(migrations.resolve("V2__rls.sql"), "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY tenant_isolation ON orders USING (tenant_id = current_setting('app.tenant_id', true));\n");
        Files.writeString(migrations.resolve("U2__rls.sql"), "DROP POLICY tenant_isolation ON orders;\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n");
        return on(folder, schema, migrations, TENANT_COLUMN_CHECKS);
    }
}
