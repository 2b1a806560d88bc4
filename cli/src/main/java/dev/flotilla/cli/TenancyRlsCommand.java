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
        String tenantColumn = tenantColumn(column, fleet);
        return RowLevelSecurity.generate(session, new RlsRequest(tenantColumn, setting, bypassRole,
                Set.copyOf(exclude)).configuredExcluding(configuredExclude(fleet, tenantColumn)), folder);
    }

    /**
     * The tables the fleet's row-level-security checks leave alone (checks.rls.exclude), when they check the column
     * isolated: shared by all tenants, so the migration leaves them alone too, without --exclude naming them again.
     */
    private static Set<String> configuredExclude(FleetContext fleet, String tenantColumn) {
        var rule = fleet == null ? null : fleet.config().checks().rls();
        return rule == null || !rule.column().equalsIgnoreCase(tenantColumn) ? Set.of() : rule.exclude();
    }

    @Override
    String summary(GeneratedMigration migration) {
        return "Row-level security: " + migration.tables().size() + " table(s)";
    }
}
