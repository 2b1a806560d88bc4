package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/** The canary tenants a deployment's options name: --canary's, each among those selected, or --canary-percent's first. */
final class Canaries {
    private Canaries() {
    }

    /** The canaries among {@code tenants}; none when the options name none. */
    static List<TenantId> of(FleetOptions options, List<TenantTarget> tenants) {
        List<TenantId> ids = tenants.stream().map(t -> t.tenant().id()).toList();
        for (TenantId id : options.canary()) {
            if (!ids.contains(id)) {
                throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "Canary tenant " + id + " is not among the selected tenants.");
            }
        }
        if (options.canaryPercent() > 0) {
            int count = (int) Math.ceil(ids.size() * options.canaryPercent() / 100.0);
            return ids.subList(0, Math.min(count, ids.size()));
        }
        return options.canary();
    }
}
