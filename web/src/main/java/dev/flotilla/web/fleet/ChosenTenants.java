package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The registered tenants a console action chose, with their targets; an id not registered is an error naming it. */
final class ChosenTenants {
    private final ConsoleFleet fleet;

    ChosenTenants(ConsoleFleet fleet) {
        this.fleet = fleet;
    }

    /**
     * The chosen tenants' targets with those of the tenants sharing them (shared-schema), which a deployment migrates and
     * records too; {@code records}, every registered tenant as the plane kept it, read once for both.
     */
    record WithSharing(List<TenantTarget> targets, List<TenantRecord> records) {
    }

    /** Tenants' targets; {@code records}, every registered tenant as the plane kept it, read once for both. */
    record Read(List<TenantTarget> targets, List<TenantRecord> records) {
    }

    /** The registered tenants with these ids, in the control plane's order. */
    List<TenantTarget> targets(Collection<TenantId> ids) {
        return read(ids).targets();
    }

    /** As {@link #targets}, with every registered tenant as the plane kept it. */
    Read read(Collection<TenantId> ids) {
        List<TenantRecord> read = fleet.plane().tenants().all();
        return new Read(fleet.targets(chosen(ids, read.stream().map(TenantRecord::tenant).toList())), read);
    }

    /** Every registered tenant with its target. */
    List<TenantTarget> registered() {
        return readRegistered().targets();
    }

    /** As {@link #registered}, with every registered tenant as the plane kept it. */
    Read readRegistered() {
        List<TenantRecord> read = fleet.plane().tenants().all();
        return new Read(fleet.targets(read.stream().map(TenantRecord::tenant).toList()), read);
    }

    /** The other registered tenants on {@code tenant}'s target (shared-schema); none on a target of its own. */
    List<TenantId> sharingWith(TenantId tenant) {
        List<TenantTarget> registered = registered();
        return SharedTargets.partial(among(List.of(tenant), registered), registered).stream()
                .flatMap(p -> p.leftOut().stream()).toList();
    }

    WithSharing withSharing(Collection<TenantId> ids) {
        List<TenantRecord> read = fleet.plane().tenants().all();
        List<TenantTarget> registered = fleet.targets(read.stream().map(TenantRecord::tenant).toList());
        return new WithSharing(SharedTargets.withSharing(among(ids, registered), registered), read);
    }

    /** The targets of {@code registered} with these ids, in its order. */
    static List<TenantTarget> among(Collection<TenantId> ids, List<TenantTarget> registered) {
        Set<TenantId> chosen = chosen(ids, registered.stream().map(TenantTarget::tenant).toList()).stream().map(Tenant::id)
                .collect(Collectors.toSet());
        return registered.stream().filter(t -> chosen.contains(t.tenant().id())).toList();
    }

    /** The tenants with these ids among the registered {@code tenants}, in their order. */
    private static List<Tenant> chosen(Collection<TenantId> ids, List<Tenant> registered) {
        if (ids.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Choose at least one tenant.");
        }
        Set<TenantId> wanted = Set.copyOf(ids);
        List<Tenant> tenants = registered.stream().filter(t -> wanted.contains(t.id())).toList();
        if (tenants.size() != wanted.size()) {
            Set<TenantId> found = tenants.stream().map(Tenant::id).collect(Collectors.toSet());
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "Not registered: " + wanted.stream().filter(id -> !found.contains(id))
                    .map(TenantId::value).sorted().limit(10).collect(Collectors.joining(", ")) + ". GET /api/v1/tenants (or the"
                    + " Tenants page) lists the registered ones; POST /api/v1/tenants or `flotilla tenants add` registers one.");
        }
        return tenants;
    }
}
