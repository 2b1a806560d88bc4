package dev.flotilla.run;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import java.util.Objects;

/**
 * A tenant with the target it resolves to under the tenancy model.
 *
 * @param loginShared whether the tenancy logs every tenant of the target in with one login, its own (shared-schema),
 *     whatever login the tenant keeps: a refused login is then the tenancy's to fix, even for a tenant selected alone
 */
public record TenantTarget(Tenant tenant, TargetSpec target, boolean loginShared) {
    public TenantTarget {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(target, "target");
    }

    /** A tenant reached with the login {@code target} gives it (its own, or the tenancy's). */
    public TenantTarget(Tenant tenant, TargetSpec target) {
        this(tenant, target, false);
    }

    /** The tenant's target under {@code tenancy}. */
    public static TenantTarget of(Tenant tenant, Tenancy tenancy) {
        return new TenantTarget(tenant, tenancy.targetOf(tenant), tenancy.model() == dev.flotilla.tenant.TenancyModel.SHARED_SCHEMA);
    }

    /** {@code text} with the password of every one of {@code targets} masked: what a hook printed, say. */
    static String scrubbed(java.util.List<TenantTarget> targets, String text) {
        String masked = text;
        for (TenantTarget target : targets) {
            masked = target.target().scrub(masked);
        }
        return masked;
    }

    /** As {@link #scrubbed(java.util.List, String)}, the control plane's password masked too: a text to be kept there. */
    static String scrubbed(dev.flotilla.control.ControlPlane plane, java.util.List<TenantTarget> targets, String text) {
        return plane.scrub(scrubbed(targets, text));
    }

    /** The ids of {@code tenants}, in their order: those a command names for a task's tenants sharing its target. */
    static java.util.List<dev.flotilla.tenant.TenantId> ids(java.util.List<TenantTarget> tenants) {
        return tenants.stream().map(t -> t.tenant().id()).toList();
    }

    /** The target of {@code tenant} as a task's result names it (no secret); null for no tenant (one no longer registered). */
    static String nameOf(TenantTarget tenant) {
        return tenant == null ? null : tenant.target().displayName();
    }

    /** Tenants with the same key share one target (shared-schema): the migration runs once for all of them. */
    String targetKey() {
        return target.url() + "|" + target.schema();
    }

    /** The first tenant of each distinct target, by target key, in the tenants' order. */
    static java.util.Map<String, TenantTarget> oneByTarget(java.util.List<TenantTarget> tenants) {
        java.util.Map<String, TenantTarget> byTarget = new java.util.LinkedHashMap<>();
        tenants.forEach(t -> byTarget.putIfAbsent(t.targetKey(), t));
        return byTarget;
    }

    /** The database server, for the per-server limit: scheme, host and port, or the file of an embedded database. */
    public String serverKey() {
        String url = target.url();
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return url.split("[;?]")[0];
        }
        int end = slashes + 2;
        while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(0, end);
    }
}
