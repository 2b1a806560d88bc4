package dev.flotilla.web.fleet;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetRollback;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.TenantMergeGuard;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import java.util.List;
import java.util.Map;

/**
 * What the merge guard finds, as the confirmation of a deployment's rollback renders, on a shared schema: the refusals
 * pressing its button would meet (its down files dropping the tenant column under the rows of more than one tenant, or a
 * target the guard cannot read), so that the administrator sees them before pressing it. Reads each target once; runs
 * nothing. Stateless.
 */
public final class RollbackMergeWarning {
    private RollbackMergeWarning() {
    }

    /**
     * The guard's refusals of rolling {@code deployment} back now, masked as every page's text is; none when the fleet is
     * not a shared schema, or when the rollback is refused for another reason (said when the button is pressed).
     */
    public static List<String> of(ConsoleFleet fleet, String deployment) {
        String column = fleet.sharedTenantColumn();
        if (column == null) {
            return List.of();
        }
        try {
            LoadedMigrations migrations = fleet.loadMigrations();
            List<TenantTarget> registered = fleet.targets(fleet.plane().tenants().all().stream().map(TenantRecord::tenant)
                    .toList());
            Map<TenantId, RollbackRequest> requests = new FleetRollback(fleet.plane(), fleet.template(), migrations,
                    fleet.deploy(), FleetListener.SILENT).requests(deployment, registered);
            return new TenantMergeGuard(fleet.template(), migrations, fleet.deploy().concurrency(), column)
                    .check(registered.stream().filter(t -> requests.containsKey(t.tenant().id())).toList(), requests)
                    .refusals().stream().map(e -> fleet.plane().scrub(e.getMessage())).toList();
        } catch (FlotillaException e) {
            return List.of();
        }
    }
}
