package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantStore;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantImport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", header = "Register tenants from a query on the application's database.",
        description = {"Register tenants listed by a query on the application's own database; with --tenant-user and",
        "--tenant-password-env (or --tenant-password-file), each with that login of its own (one server's tenants, say)."})
final class TenantsImportCommand extends FleetCommand {
    @Option(names = "--query", required = true, description = "First column the tenant id, optional second the name, e.g. \"SELECT code, name FROM tenants WHERE active = 1\".")
    String query;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "The database to query, e.g. jdbc:mariadb://127.0.0.1:3306/bgerp"
            + " (default: tenancy.url, in shared-schema and schema-per-tenant tenancy).")
    String url;

    @Option(names = "--user", description = "Database user (default: the tenancy's).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Variable holding the password (default: the tenancy's).")
    String passwordEnv;

    @Option(names = "--group", paramLabel = "G", description = "Put the new tenants in this group; repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--tenant-user", paramLabel = "U", description = "The new tenants' own database user (as tenants add"
            + " --user); --user and --password-env are the queried database's.")
    String tenantUser;

    @Option(names = "--tenant-password-env", paramLabel = "VAR", description = "The variable holding the new tenants' own"
            + " password (its name is stored, never the password).")
    String tenantPasswordEnv;

    @Option(names = "--tenant-password-file", paramLabel = "FILE", description = "Or the file whose first line is it.")
    String tenantPasswordFile;

    TenantsImportCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants import";
    }

    @Override
    int execute() {
        var tenancy = tenancy();
        String url = this.url != null ? this.url : tenancyUrl(tenancy);
        output.addSecretsOf(url);
        var password = passwordEnv == null ? tenancy.password()
                : Passwords.read(passwordEnv, null, environment, "--password-env", "--password-file");
        if (password != null) {
            output.addSecret(password);
        }
        TargetSpec source = new TargetSpec(url, user != null ? user : tenancy.user(), password, null, null);
        TenantCredentials login = new TenantCredentials(tenantUser, tenantPasswordEnv, tenantPasswordFile);
        List<Tenant> tenants = TenantImport.read(source, query, groups).stream()
                .map(t -> t.withCredentials(tenancy.registeringCredentials(t, login))).toList();
        // An id the query returns twice is registered once, as its first row has it: said, not silently dropped.
        Map<String, List<Tenant>> byId = tenants.stream().collect(java.util.stream.Collectors.groupingBy(t -> t.id().value(),
                LinkedHashMap::new, java.util.stream.Collectors.toList()));
        byId.forEach((id, rows) -> {
            if (rows.size() > 1) {
                output.warn("tenant " + id + " is in " + rows.size() + " rows of the query (names " + rows.stream()
                        .map(t -> "'" + t.name() + "'").collect(java.util.stream.Collectors.joining(", ")) + "): the first is taken");
            }
        });
        TenantStore store = plane().tenants();
        int added = store.addMissing(tenants);
        plane().audit().record(actor(), "tenant.imported", null, null, added + " tenant(s) from " + source.displayName()
                + (login.isEmpty() ? "" : ", logging in " + LoginOptions.described(login)));
        int duplicates = tenants.size() - byId.size();
        output.line("Read " + tenants.size() + " row(s) from " + source.displayName() + ": " + added + " registered, "
                + (byId.size() - added) + " already registered" + (duplicates > 0 ? ", " + duplicates + " repeated id(s)" : ""));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("read", tenants.size());
        data.put("added", added);
        data.put("alreadyRegistered", byId.size() - added);
        data.put("repeated", duplicates);
        return output.finish(name(), data, List.of());
    }

    /** Where the tenant list is when no --url names it: the one database a shared schema or the schemas live in. */
    private static String tenancyUrl(Tenancy tenancy) {
        if (tenancy.model() == TenancyModel.DATABASE_PER_TENANT || tenancy.url() == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "tenants import needs --url: the"
                    + " database holding the tenant list (in database-per-tenant tenancy every tenant has a database of its"
                    + " own, and none of them is it), e.g. --url jdbc:mariadb://127.0.0.1:3306/bgerp");
        }
        return tenancy.url();
    }
}
