package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.VersionSpellings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", header = "One fleet dry run with every tenant's outcome.",
        description = {"One fleet dry run as the control plane keeps it: who started it and where from, how it ended, its"
                + " time, and every tenant's outcome (success, warning, error, or none when the run did not finish) with"
                + " its time, its first error and that error's code, or why it is a warning. A run whose process is gone is ended as interrupted first."})
final class DryRunsShowCommand extends FleetCommand {
    /** Said under the tenants of a run recorded before the plane kept each tenant's time (V28): "-" is unknown, not none. */
    static final String TIMES_UNKNOWN = "Each tenant's time is unknown: this dry run was recorded before the control plane"
            + " kept them (V28).";

    @Parameters(index = "0", paramLabel = "DRY_RUN")
    String id;

    DryRunsShowCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "dry-runs show";
    }

    @Override
    int execute() {
        ControlPlane plane = DryRunsCommand.swept(this);
        FleetDryRunRecord run = plane.dryRuns().fleetRun(id).orElseThrow(() -> new FlotillaException(ErrorCode.BAD_USAGE,
                "No dry run " + id + " in the control plane (it keeps the newest " + DryRunStore.FLEET_RUNS_KEPT
                        + "); see `flotilla dry-runs`."));
        output.line("Dry run " + run.id() + ": " + run.status() + ", started " + LocalTimes.format(run.started()) + " by "
                + run.user() + " (" + run.startedFrom() + "), versions "
                + String.join(", ", VersionSpellings.listed(context().migrationFolders()).labels(run.versions()))
                + (Boolean.TRUE.equals(run.outOfOrder()) ? ", out of order" : "")
                + (run.millis() == null ? "" : ", " + run.millis() + " ms"));
        if (run.error() != null) {
            output.line(run.interrupted() ? run.error() : "It could not run: " + run.error());
        }
        Table.print(output, new String[] {"Tenant", "Status", "Time", "Error or warning"}, run.tenants().entrySet().stream()
                .map(e -> new String[] {e.getKey().value(), status(run, e.getValue()),
                        e.getValue().millis() == null ? "-" : e.getValue().millis() + " ms", error(e.getValue())}).toList());
        if (!run.timesKept()) {
            output.line(TIMES_UNKNOWN);
        }
        Map<String, Object> data = DryRunsCommand.json(run);
        data.put("tenants", run.tenants().entrySet().stream().map(e -> {
            Map<String, Object> tenant = new LinkedHashMap<>();
            tenant.put("id", e.getKey().value());
            tenant.put("status", e.getValue().status());
            tenant.put("error", e.getValue().error());
            tenant.put("errorCode", e.getValue().code());
            tenant.put("notTested", e.getValue().untested());
            tenant.put("timeMs", e.getValue().millis()); // null (unknown) where it could not be dry-run, and before V28
            tenant.put("warning", e.getValue().warning());
            return tenant;
        }).toList());
        return output.finish(name(), data, List.of());
    }

    /** A tenant's status, or what the run's says of it when it has none: not tested by a run that did not finish. */
    private static String status(FleetDryRunRecord run, FleetDryRunRecord.Outcome outcome) {
        if (outcome.status() != null) {
            return outcome.status() + (outcome.untested() ? " (not tested: no copy)" : "");
        }
        return run.done() ? "not tested (" + run.status() + ")" : "not yet";
    }

    /** Its first error's first line with its code, or why it is a warning (its first line), or nothing. */
    private static String error(FleetDryRunRecord.Outcome outcome) {
        if (outcome.error() == null) {
            return outcome.warning() == null ? "" : outcome.warning().lines().findFirst().orElse("");
        }
        String first = outcome.error().lines().findFirst().orElse("");
        return outcome.code() == null ? first : outcome.code() + ": " + first;
    }
}
