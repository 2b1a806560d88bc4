package dev.flotilla.cli;

import dev.flotilla.run.TenantTarget;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.TargetSpec;
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
        warnOfOtherDatabase(tenant, target.target());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("target", target.target().displayName());
        data.putAll(tenant.credentials().shown());
        return output.finish(name(), data, List.of());
    }

    /**
     * On MariaDB a schema is a database: a tenant URL naming one database while the schema template names another is
     * most likely a slip (the deploy goes into, and creates, the template's), said before anything is deployed.
     */
    private void warnOfOtherDatabase(Tenant tenant, TargetSpec target) {
        if (tenant.url() == null || tenant.schema() != null || target.schema() == null
                || !"mariadb".equals(Dialect.forUrl(tenant.url()).name())) {
            return;
        }
        JdbcUrls.databaseIn(tenant.url()).map(JdbcUrls.DatabaseInUrl::database)
                .filter(named -> !named.isEmpty() && !named.equals(target.schema()))
                .ifPresent(named -> output.warn("tenant " + tenant.id() + " is deployed into database " + target.schema()
                        + " (tenancy.schemaTemplate), not " + named + " which its URL names: on MariaDB a schema is a database."
                        + " If " + named + " is the tenant's, register it with --schema " + named + " (`flotilla tenants remove "
                        + tenant.id() + "`, then add it again)."));
    }
}
