package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.TenantProvisioning;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", header = "Provision a new tenant, all or nothing.",
        description = {"Provision a new tenant, all or nothing: create its schema or database (never an",
        "existing one), apply every migration, register it. With --baseline, build its schema in one step from a scratch run",
        "of every migration (kept for the next tenant) or from --from-tenant T, proven equal to a full replay. A failure drops",
        "what was created. In shared-schema tenancy the tenant is only registered."})
final class TenantsCreateCommand extends FleetCommand {
    @Mixin
    TenantOptions options;

    @Option(names = "--baseline", description = "Build the schema from a baseline instead of replaying every migration.")
    boolean baseline;

    @Option(names = "--from-tenant", paramLabel = "T", description = "With --baseline: copy the structure of this tenant.")
    String reference;

    TenantsCreateCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants create";
    }

    @Override
    int execute() {
        if (reference != null && !baseline) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--from-tenant names the tenant a baseline is copied from: add --baseline.");
        }
        Tenant tenant = options.tenant(output, tenancy());
        String id = tenant.id().value();
        TenantProvisioning provisioning = new TenantProvisioning(plane(), tenancy(), template(ValidationPolicy.STRICT),
                loadMigrations(), actor());
        output.progress("Provisioning " + id + "...");
        TenantProvisioning.Result result = provisioning.create(new TenantProvisioning.Request(tenant,
                baseline ? TenantProvisioning.Mode.BASELINE : TenantProvisioning.Mode.REPLAY,
                reference == null ? null : TenantId.of(reference)));
        output.line("Created tenant " + id + " -> " + result.target() + ": " + result.how() + " in " + result.millis() + " ms"
                + (result.version() == null ? "." : "; at version " + result.version() + "."));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("target", result.target());
        data.put("how", result.how());
        data.put("baselineVersion", result.baselineVersion());
        data.put("applied", result.applied());
        data.put("version", result.version());
        data.put("fingerprint", result.fingerprint());
        data.put("timeMs", result.millis());
        return output.finish(name(), data, List.of());
    }
}
