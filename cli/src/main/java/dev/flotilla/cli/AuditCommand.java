package dev.flotilla.cli;

import dev.flotilla.control.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", header = "The audit log, newest first: who did what, when, from where.",
        description = "The audit log, newest first: who did what to which tenant or deployment, when,"
        + " from where, and how it ended (the console's and the command line's actions alike).")
final class AuditCommand extends FleetCommand {
    private static final String[] HEADER = {"When", "User", "Action", "Outcome", "Tenant", "Deployment", "Details"};

    @Option(names = "--user", paramLabel = "NAME", description = "Only this user's (or CI actor's) entries.")
    String user;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action (deploy.started, login, restore...) or"
            + " family (deploy: deploy.started, deploy.finished...).")
    String action;

    @Option(names = "--tenant", paramLabel = "ID", description = "Only entries about this tenant, the deployments it took part"
            + " in included.")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class, defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    AuditCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "audit";
    }

    @Override
    int execute() {
        AuditLog log = planeToRead().audit();
        AuditLog.Filter filter = new AuditLog.Filter(user, action, tenant);
        List<AuditLog.Entry> entries = log.page(filter, 0, limit);
        int total = log.count(filter);
        Table.print(output, HEADER, entries.stream().map(e -> new String[] {LocalTimes.format(e.at()), e.actor(), e.action(),
                orDash(e.outcome()), orDash(e.tenant()), orDash(e.deployment()), orDash(e.details())}).toList());
        output.line(entries.size() < total ? entries.size() + " of " + total + " entries (--limit shows more)" : total + " entries");
        return output.finish(name(), Map.of("total", total, "entries", entries.stream().map(AuditCommand::json).toList()), List.of());
    }

    private static Map<String, Object> json(AuditLog.Entry e) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", e.id());
        entry.put("at", e.at().toString());
        entry.put("user", e.actor());
        entry.put("action", e.action());
        entry.put("outcome", e.outcome());
        entry.put("tenant", e.tenant());
        entry.put("deployment", e.deployment());
        entry.put("details", e.details());
        entry.put("source", e.source());
        return entry;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value.replace('\n', ' ');
    }
}
