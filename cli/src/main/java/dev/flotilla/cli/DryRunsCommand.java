package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.control.FleetDryRunSummary;
import dev.flotilla.migration.VersionSpellings;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla dry-runs}: the fleet dry runs the control plane keeps (the console's, the API's and {@code flotilla
 * dry-run}'s, those a deploy may name), newest first; {@code dry-runs show ID} gives one's tenants. Both end first, as
 * interrupted, a run whose process is gone ({@link KilledDryRuns}), as the next {@code dry-run} or {@code deploy} would.
 */
@Command(name = "dry-runs", header = "List the fleet dry runs kept, newest first.",
        description = {"Lists the fleet dry runs the control plane keeps (the newest 1000), of the console, the API and"
                + " `flotilla dry-run`, newest first: who started them and where from, how they ended (done, failed,"
                + " interrupted, unfinished), the versions they tested and how many tenants passed. A run whose process"
                + " is gone (killed) is ended as interrupted first. `dry-runs show ID` gives each tenant's outcome."},
        subcommands = DryRunsShowCommand.class)
final class DryRunsCommand extends FleetCommand {
    @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class, defaultValue = "20",
            description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    DryRunsCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "dry-runs";
    }

    @Override
    int execute() {
        ControlPlane plane = swept(this);
        List<FleetDryRunSummary> runs = plane.dryRuns().summaries(0, limit);
        VersionSpellings spellings = VersionSpellings.listed(context().migrationFolders());
        Table.print(output, new String[] {"Dry run", "Started", "By", "From", "Status", "Versions", "Passed", "Failed", "Total"},
                runs.stream().map(r -> new String[] {r.id(), LocalTimes.format(r.started()), r.user(), r.startedFrom(), r.status(),
                        String.join(", ", spellings.labels(r.versions())), String.valueOf(r.passed()), String.valueOf(r.failed()),
                        String.valueOf(r.total())}).toList());
        if (runs.isEmpty()) {
            output.line("No fleet dry runs yet: `flotilla dry-run --all` (or the console's test step) records one.");
        }
        return output.finish(name(), Map.of("dryRuns", runs.stream().map(r -> r.asMap(r.status())).toList()), List.of());
    }

    /**
     * The control plane to read, after ending as interrupted the runs whose process is gone: opened read-only, and to
     * write only when there is one to end.
     */
    static ControlPlane swept(FleetCommand command) {
        ControlPlane plane = command.planeToRead();
        if (!plane.dryRuns().anyToEndInterrupted()) {
            return plane;
        }
        ControlPlane writable = command.planeToWrite();
        KilledDryRuns.end(command.output, writable);
        return writable;
    }

    static Map<String, Object> json(FleetDryRunRecord run) {
        return run.asMap(run.status());
    }
}
