package dev.flotilla.control;

import dev.flotilla.tenant.Tenant;
import java.time.Instant;

/**
 * A tenant with what the control plane last learned of it.
 *
 * @param status {@code unknown}, {@code up-to-date}, {@code pending}, {@code migrating}, {@code interrupted} (migrating
 *               when its deployment's process died), {@code failed}...
 * @param baselineVersion the baseline its history records ({@link dev.flotilla.plan.Baselined#column}), null until a plan
 *                        or deploy has read it
 * @param pendingCount null until a plan, deploy or live status has looked
 * @param updatedAt when the control plane last learned of it: its registration until something has read it
 */
public record TenantRecord(Tenant tenant, String status, String currentVersion, String baselineVersion, Integer pendingCount,
                           String lastDeployment, String lastError, Instant updatedAt) {
    /** The status of a tenant registered and never read since: no plan, deploy, verify or live status has looked. */
    public static final String NEVER_READ = "unknown";

    /**
     * When a plan, deploy, verify or live status last read or changed it; null while none has since it was registered
     * ({@link #NEVER_READ}), whose {@code updatedAt} is its registration, not a look at its target.
     */
    public Instant checkedAt() {
        return NEVER_READ.equals(status) ? null : updatedAt;
    }
}
