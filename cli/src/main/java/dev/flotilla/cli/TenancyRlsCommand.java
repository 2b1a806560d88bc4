package dev.flotilla.cli;

import dev.flotilla.target.TargetSession;
import dev.flotilla.tenancy.GeneratedMigration;
import dev.flotilla.tenancy.RlsRequest;
import dev.flotilla.tenancy.RowLevelSecurity;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rls", header = "Write the migration that turns on PostgreSQL row-level security.",
        description = {"Write the migration that isolates tenants with PostgreSQL row-level security: every",
        "table with the tenant column gets row security enabled and forced, a policy that shows and accepts only the rows",
        "of the tenant named by a setting (app.tenant_id), and a policy for a bypass role (flotilla_admin, created when",
        "missing). A down file undoes it. Reads the schema of --url (or the shared schema of flotilla.yml) and changes",
        "nothing there. The checks rls-enabled and rls-isolation (checks.rls in flotilla.yml) verify it."})
final class TenancyRlsCommand extends TenancyTargetCommand {
    @Option(names = "--tenant-column", paramLabel = "NAME", description = "The tenant column (default: tenancy.tenantColumn, tenant_id).")
    String column;

    @Option(names = "--setting", paramLabel = "PREFIX.NAME", defaultValue = RlsRequest.DEFAULT_SETTING,
            description = "The setting that names the current tenant (default: ${DEFAULT-VALUE}).")
    String setting;

    @Option(names = "--bypass-role", paramLabel = "ROLE", defaultValue = RlsRequest.DEFAULT_BYPASS_ROLE,
            description = "The role whose members see every tenant's rows (default: ${DEFAULT-VALUE}).")
    String bypassRole;

    @Option(names = "--exclude", split = ",", paramLabel = "TABLE", description = "Tables shared by all tenants, left without row-level security.")
    List<String> exclude = new ArrayList<>();

    TenancyRlsCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenancy rls";
    }

    @Override
    GeneratedMigration generate(TargetSession session, FleetContext fleet, Path folder) throws SQLException {
        return RowLevelSecurity.generate(session, new RlsRequest(tenantColumn(column, fleet), setting, bypassRole,
                Set.copyOf(exclude)), folder);
    }

    @Override
    String summary(GeneratedMigration migration) {
        return "Row-level security: " + migration.tables().size() + " table(s)";
    }
}
