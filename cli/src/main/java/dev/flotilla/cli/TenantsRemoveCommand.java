package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", header = "Unregister tenants; their databases are left as they are.",
        description = "Unregister tenants. Their databases and deployment history are left as they are.")
final class TenantsRemoveCommand extends FleetCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "The tenants to unregister.")
    List<String> ids;

    TenantsRemoveCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants remove";
    }

    @Override
    String refusedAction() {
        return "tenant.remove.requested";
    }

    @Override
    int execute() {
        List<TenantId> tenants = ids.stream().map(TenantId::of).distinct().toList();
        // All or none, with their audit records: in one transaction that also finds the ones not registered.
        plane().together("removing tenants", () -> {
            List<String> unknown = tenants.stream().filter(id -> !plane().tenants().remove(id)).map(TenantId::value).toList();
            if (!unknown.isEmpty()) {
                throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "Not registered: " + String.join(", ", unknown)
                        + "; nothing was removed. See `flotilla tenants list`.");
            }
            tenants.forEach(id -> plane().audit().record(actor(), "tenant.removed", id.value(), null, null));
        });
        tenants.forEach(id -> output.line("Removed tenant " + id + " (its database was not touched)"));
        return output.finish(name(), Map.of("removed", tenants.stream().map(TenantId::value).toList()), List.of());
    }
}
