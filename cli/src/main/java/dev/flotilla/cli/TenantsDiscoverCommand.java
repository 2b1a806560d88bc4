package dev.flotilla.cli;

import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantDiscovery;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "discover", header = "Register the tenants whose databases or schemas exist.",
        description = "Register the tenants whose databases or schemas already exist on the server.")
final class TenantsDiscoverCommand extends FleetCommand {
    @Option(names = "--pattern", description = "SQL LIKE pattern for database/schema names, e.g. 'bgerp_t_%%' (default: the template with {tenant} as %%).")
    String pattern;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "The server to look on (default: from the tenancy).")
    String url;

    @Option(names = "--group", paramLabel = "G", description = "Put the new tenants in this group; repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--dry-run", description = "Only list what would be registered.")
    boolean dryRun;

    TenantsDiscoverCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants discover";
    }

    @Override
    int execute() {
        output.addSecretsOf(url);
        TenantDiscovery.Found found = new TenantDiscovery(tenancy()).discover(url, pattern);
        Set<TenantId> registered = new HashSet<>(plane().tenants().ids(null, null));
        List<Tenant> missing = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (TenantId id : found.ids()) {
            if (registered.contains(id)) {
                known.add(id.value());
            } else {
                missing.add(new Tenant(id, null, null, null, groups));
            }
        }
        if (!dryRun) {
            // One transaction: all or none, and one write to the control plane for a server of a thousand schemas.
            plane().tenants().addMissing(missing);
        }
        List<String> added = missing.stream().map(t -> t.id().value()).toList();
        if (!dryRun && !added.isEmpty()) {
            plane().audit().record(actor(), "tenant.discovered", null, null, added.size() + " tenant(s) from " + found.server());
        }
        output.line("Found " + found.ids().size() + " tenant(s) on " + found.server() + ": " + added.size()
                + (dryRun ? " would be registered" : " registered") + ", " + known.size() + " already registered");
        added.forEach(id -> output.line("  + " + id));
        found.ignored().forEach(why -> output.warn("ignored " + why));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("server", found.server());
        data.put("added", added);
        data.put("alreadyRegistered", known);
        data.put("ignored", found.ignored());
        data.put("dryRun", dryRun);
        return output.finish(name(), data, List.of());
    }
}
