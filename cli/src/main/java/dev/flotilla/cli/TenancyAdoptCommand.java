package dev.flotilla.cli;

import dev.flotilla.target.TargetSession;
import dev.flotilla.tenancy.AdoptionRequest;
import dev.flotilla.tenancy.GeneratedMigration;
import dev.flotilla.tenancy.TenantColumnAdoption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt", header = "Write the migration that adds the tenant column to every table.",
        description = {"Write the migration that adds the tenant column to every table of a target (seed 003):",
        "nullable, backfilled with the tenant that owns today's rows in committed batches, then NOT NULL and indexed;",
        "with --widen-keys, unique constraints and foreign keys include it too. A down file undoes it. Reads the schema",
        "of --url (or the shared schema of flotilla.yml) and changes nothing there."})
final class TenancyAdoptCommand extends TenancyTargetCommand {
    @Option(names = "--tenant-column", paramLabel = "NAME", description = "The column to add (default: tenancy.tenantColumn, tenant_id).")
    String column;

    @Option(names = "--default", paramLabel = "VALUE", required = true, description = "The tenant that owns every existing row.")
    String value;

    @Option(names = "--type", description = "The column's SQL type (default: text on PostgreSQL and SQLite, VARCHAR(64) elsewhere).")
    String type;

    @Option(names = "--exclude", split = ",", paramLabel = "TABLE", description = "Tables shared by all tenants, left without the column.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--widen-keys", description = "Add the column to unique constraints and to foreign keys between tenant tables.")
    boolean widenKeys;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "10000",
            description = "Rows per committed batch of the backfill (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--drop-default", description = "Leave the column without a default: every insert must name the tenant.")
    boolean dropDefault;

    TenancyAdoptCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenancy adopt";
    }

    @Override
    GeneratedMigration generate(TargetSession session, FleetContext fleet, Path folder) throws SQLException {
        String tenantColumn = tenantColumn(column, fleet);
        return TenantColumnAdoption.generate(session, new AdoptionRequest(tenantColumn, value, type, Set.copyOf(exclude),
                widenKeys, batchSize, dropDefault).configuredExcluding(configuredExclude(fleet, tenantColumn)));
    }

    /**
     * The tables the fleet's tenant-column check leaves alone (checks.tenant-column.exclude), when it checks the column
     * adopted: shared by all tenants, so the adoption leaves them alone too, without --exclude naming them again.
     */
    private static Set<String> configuredExclude(FleetContext fleet, String tenantColumn) {
        var rule = fleet == null ? null : fleet.config().checks().tenantColumn();
        return rule == null || !rule.column().equalsIgnoreCase(tenantColumn) ? Set.of() : rule.exclude();
    }

    @Override
    String summary(GeneratedMigration migration) {
        return "Adopting the tenant column: " + migration.tables().size() + " table(s)";
    }
}
