package dev.flotilla.cli;

import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Register a tenant. Its target comes from the tenancy templates unless --url or --schema says otherwise.")
final class TenantsAddCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Letters, digits, '_' and '-'; used in database and schema names.")
    String id;

    @Option(names = "--name", description = "A display name (default: the id).")
    String displayName;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "This tenant's own database, instead of the template.")
    String url;

    @Option(names = "--schema", description = "This tenant's own schema, instead of the template.")
    String schema;

    @Option(names = "--group", paramLabel = "G", description = "A group it belongs to; repeatable.")
    List<String> groups = new ArrayList<>();

    TenantsAddCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants add";
    }

    @Override
    int execute() {
        if (url != null) {
            output.addSecretsOf(url);
            if (!dev.flotilla.sql.JdbcUrls.secretsIn(url).isEmpty()) {
                throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "The URL of tenant " + id
                        + " carries a password; passwords are never stored. Remove it and set tenancy.passwordEnv.");
            }
        }
        Tenant tenant = new Tenant(TenantId.of(id), displayName, url, schema, groups);
        TenantTarget target = TenantTarget.of(tenant, tenancyForDisplay());
        plane().tenants().add(tenant);
        plane().audit().record(actor(), "tenant.added", id, null, target.target().displayName());
        output.line("Registered tenant " + id + " -> " + target.target().displayName());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("target", target.target().displayName());
        return output.finish(name(), data, List.of());
    }
}
