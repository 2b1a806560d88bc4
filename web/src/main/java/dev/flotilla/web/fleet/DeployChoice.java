package dev.flotilla.web.fleet;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.tenant.TenantId;
import java.util.Collection;
import java.util.List;

/**
 * What a deploy asked of the console or the API is: the versions chosen (the newest of them the deployment's ceiling),
 * the tenants, whether pending migrations older than a tenant's newest applied one are applied too ({@code deploy
 * --out-of-order}), the statements' timeouts (null: the configured ones), what it skips of the configured options
 * ({@code --skip-backup}, {@code --no-maintenance}), its concurrency and canaries ({@code --concurrency}, {@code --canary},
 * {@code --canary-percent}); after a dry run, that run ({@code test}) and what the audit log says of it
 * ({@code tested}), both null without one. Immutable.
 */
public record DeployChoice(List<String> versions, List<TenantId> tenants, boolean outOfOrder, DeployTimeouts timeouts,
                           DeploySkips skips, DeployWaves waves, FleetDryRunRecord test, String tested) {
    public DeployChoice {
        versions = List.copyOf(versions);
        tenants = List.copyOf(tenants);
        timeouts = timeouts == null ? DeployTimeouts.CONFIGURED : timeouts;
        skips = skips == null ? DeploySkips.NONE : skips;
        waves = waves == null ? DeployWaves.CONFIGURED : waves;
    }

    /** A deploy asked without a dry run. */
    public static DeployChoice untested(List<String> versions, Collection<TenantId> tenants, boolean outOfOrder,
                                        DeployTimeouts timeouts) {
        return new DeployChoice(versions, List.copyOf(tenants), outOfOrder, timeouts, DeploySkips.NONE, DeployWaves.CONFIGURED, null, null);
    }

    /** The same deploy, skipping {@code skips} of the configured options. */
    public DeployChoice skipping(DeploySkips skips) {
        return new DeployChoice(versions, tenants, outOfOrder, timeouts, skips, waves, test, tested);
    }

    /** The same deploy, at the concurrency and with the canaries {@code waves} give. */
    public DeployChoice paced(DeployWaves waves) {
        return new DeployChoice(versions, tenants, outOfOrder, timeouts, skips, waves, test, tested);
    }

    /** The same deploy to {@code admitted}, after the dry run {@code test}, said {@code tested} in the audit log. */
    public DeployChoice after(FleetDryRunRecord test, List<TenantId> admitted, String tested) {
        return new DeployChoice(versions, admitted, outOfOrder, timeouts, skips, waves, test, tested);
    }
}
