package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.run.ResumeRefusal;
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
        ControlPlane plane = planeToRead();
        List<DeploymentRecord> deployments = plane.deployments().newest(limit);
        Map<String, List<String>> superseded = new LinkedHashMap<>();
        deployments.forEach(d -> superseded.put(d.id(), supersededBy(plane, d)));
        Table.print(output, new String[] {"Deployment", "Kind", "Status", "Started", "By", "Total", "Succeeded", "Failed", "Skipped",
                        "Pending"},
                deployments.stream().map(d -> new String[] {d.id(), kind(d), status(d, superseded.get(d.id())),
                        LocalTimes.format(d.startedAt()), d.startedBy(),
                        String.valueOf(d.total()), String.valueOf(d.succeeded()), String.valueOf(d.failed()),
                        String.valueOf(d.skipped()), String.valueOf(d.pending())}).toList());
        if (deployments.isEmpty()) {
            output.line("No deployments yet.");
        }
        return output.finish(name(), Map.of("deployments", deployments.stream().map(d -> {
            Map<String, Object> entry = json(d);
            entry.put("supersededBy", superseded.get(d.id()));
            return entry;
        }).toList()), List.of());
    }

    /**
     * For an interrupted deployment, the deployments started after it that have since run tenants its resume would run
     * (so that resume is refused); null for any other, or one nothing has overtaken. Its history stays as recorded.
     */
    private static List<String> supersededBy(ControlPlane plane, DeploymentRecord d) {
        if (d.status() != DeploymentStatus.INTERRUPTED) {
            return null;
        }
        List<String> later = List.copyOf(ResumeRefusal.supersededBy(plane, d, plane.deployments().tasks(d.id()), false).keySet());
        return later.isEmpty() ? null : later;
    }

    private static String status(DeploymentRecord d, List<String> supersededBy) {
        return d.status().word() + (supersededBy == null ? "" : ", superseded by " + String.join(", ", supersededBy));
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
