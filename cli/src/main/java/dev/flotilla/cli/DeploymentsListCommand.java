package dev.flotilla.cli;

import dev.flotilla.control.DeploymentRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Deployments, newest first.")
final class DeploymentsListCommand extends FleetCommand {
    @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class, defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    DeploymentsListCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "deployments list";
    }

    @Override
    int execute() {
        List<DeploymentRecord> deployments = planeToRead().deployments().newest(limit);
        Table.print(output, new String[] {"Deployment", "Kind", "Status", "Started", "By", "Total", "Succeeded", "Failed", "Skipped",
                        "Pending"},
                deployments.stream().map(d -> new String[] {d.id(), kind(d), d.status().word(), LocalTimes.format(d.startedAt()), d.startedBy(),
                        String.valueOf(d.total()), String.valueOf(d.succeeded()), String.valueOf(d.failed()),
                        String.valueOf(d.skipped()), String.valueOf(d.pending())}).toList());
        if (deployments.isEmpty()) {
            output.line("No deployments yet.");
        }
        return output.finish(name(), Map.of("deployments", deployments.stream().map(DeploymentsListCommand::json).toList()),
                List.of());
    }

    private static String kind(DeploymentRecord d) {
        return d.rollback() ? "rollback" : "deploy";
    }

    static Map<String, Object> json(DeploymentRecord d) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", d.id());
        entry.put("kind", kind(d));
        entry.put("status", d.status().word());
        entry.put("startedAt", d.startedAt().toString());
        entry.put("finishedAt", d.finishedAt() == null ? null : d.finishedAt().toString());
        entry.put("startedBy", d.startedBy());
        entry.put("options", d.options());
        entry.put("total", d.total());
        entry.put("succeeded", d.succeeded());
        entry.put("failed", d.failed());
        entry.put("skipped", d.skipped());
        entry.put("pending", d.pending());
        entry.put("stopRequestedBy", d.stopRequest() == null ? null : d.stopRequest().by());
        entry.put("stopRequestedAt", d.stopRequest() == null ? null : d.stopRequest().at().toString());
        return entry;
    }
}
