package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-credentials", header = "Change or clear a tenant's own login.",
        description = {"Give a registered tenant its own login (--user, and --password-env VAR or --password-file FILE), replacing",
        "the one it has, or --clear it: the tenant logs in as tenancy.user again. Only the variable's name or the file's",
        "path is stored, never the password."})
final class TenantsSetCredentialsCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The tenant.")
    String id;

    @Mixin
    LoginOptions login;

    @Option(names = "--clear", description = "Remove the tenant's own login.")
    boolean clear;

    TenantsSetCredentialsCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants set-credentials";
    }

    @Override
    int execute() {
        TenantCredentials given = login.credentials();
        if (clear == !given.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, clear ? "--clear removes the tenant's own login: give it alone,"
                    + " without --user, --password-env or --password-file." : "Say the tenant's login: --user U with"
                    + " --password-env VAR or --password-file FILE, or --clear to log in as tenancy.user again.");
        }
        TenantId tenant = TenantId.of(id);
        TenantRecord record = plane().tenants().find(tenant).orElseThrow(() -> new FlotillaException(ErrorCode.TENANT_NOT_FOUND,
                "Tenant " + id + " is not registered; see `flotilla tenants list`."));
        TenantCredentials credentials = tenancyForDisplay().registeringCredentials(record.tenant(), given);
        plane().together("changing a tenant's login", () -> {
            plane().tenants().setCredentials(tenant, credentials);
            plane().audit().record(actor(), "tenant.credentials", id, null, clear ? "cleared"
                    : LoginOptions.described(credentials));
        });
        output.line(clear ? "Tenant " + id + " logs in as the tenancy does again"
                : "Tenant " + id + " logs in " + LoginOptions.described(credentials));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.putAll(credentials.shown());
        return output.finish(name(), data, List.of());
    }
}
