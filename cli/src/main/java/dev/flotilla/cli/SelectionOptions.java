package dev.flotilla.cli;

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

    List<Tenant> select(ControlPlane plane) {
        return selection().select(plane.tenants().all().stream().map(TenantRecord::tenant).toList());
    }
}
