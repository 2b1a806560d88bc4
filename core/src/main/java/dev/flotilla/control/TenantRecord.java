package dev.flotilla.control;

import dev.flotilla.tenant.Tenant;
import java.time.Instant;

/**
 * A tenant with what the control plane last learned of it.
 *
 * @param status {@code unknown}, {@code up-to-date}, {@code pending}, {@code migrating}, {@code interrupted} (migrating
 *               when its deployment's process died), {@code failed}...
 * @param pendingCount null until a plan, deploy or live status has looked
 */
public record TenantRecord(Tenant tenant, String status, String currentVersion, Integer pendingCount,
                           String lastDeployment, String lastError, Instant updatedAt) {
}
