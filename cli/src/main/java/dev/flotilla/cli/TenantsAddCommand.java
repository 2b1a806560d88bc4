package dev.flotilla.cli;

import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "add", header = "Register a tenant.",
        description = {"Register a tenant. Its target comes from the tenancy templates unless --url or --schema says otherwise;",
        "it logs in as tenancy.user unless --user and --password-env (or --password-file) give it a login of its own."})
final class TenantsAddCommand extends FleetCommand {
    @Mixin
    TenantOptions options;

    TenantsAddCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants add";
    }

    @Override
    int execute() {
        Tenancy tenancy = tenancyForDisplay();
        Tenant tenant = options.tenant(output, tenancy);
        String id = tenant.id().value();
        TenantTarget target = TenantTarget.of(tenant, tenancy);
        String login = LoginOptions.described(tenant.credentials());
        String shown = target.target().displayName() + (login.isEmpty() ? "" : " (" + login + ")");
        plane().tenants().add(tenant);
        plane().audit().record(actor(), "tenant.added", id, null, shown);
        output.line("Registered tenant " + id + " -> " + shown);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("target", target.target().displayName());
        data.putAll(tenant.credentials().shown());
        return output.finish(name(), data, List.of());
    }
}
