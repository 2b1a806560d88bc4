package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.tenant.TenantSelection;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tenants a fleet command works on: {@code --tenants a,b}, {@code --group G} or {@code --all}. */
final class SelectionOptions {
    @Option(names = "--tenants", split = ",", paramLabel = "ID", description = "Tenants by id, comma-separated.")
    List<String> tenants;

    @Option(names = "--group", paramLabel = "G", description = "The tenants of one group.")
    String group;

    @Option(names = "--all", description = "Every registered tenant.")
    boolean all;

    boolean given() {
        return tenants != null || group != null || all;
    }

    TenantSelection selection() {
        List<TenantId> ids = tenants == null ? List.of() : tenants.stream().map(String::trim).map(TenantId::of).toList();
        return new TenantSelection(ids, group, all);
    }

    /**
     * The selected tenants; {@code --all} over a fleet without tenants is refused as a group without members is
     * (a run over nothing would pass green, and often means a control plane other than the one meant).
     */
    List<Tenant> select(ControlPlane plane) {
        return select(plane.tenants().all().stream().map(TenantRecord::tenant).toList());
    }

    /** As {@link #select(ControlPlane)}, among the {@code registered} tenants a command has read already. */
    List<Tenant> select(List<Tenant> registered) {
        if (all && registered.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "The fleet has no tenants: --all selects none."
                    + " Register them with `flotilla tenants add`, or check that controlPlane in flotilla.yml (default:"
                    + " .flotilla/ beside it) is the one that holds them.");
        }
        return selection().select(registered);
    }
}
