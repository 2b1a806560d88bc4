package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.run.DryRunRecords;

/**
 * The fleet dry runs a killed {@code flotilla dry-run} (kill -9) left recorded as running, ended as interrupted when the
 * command line next dry-runs or deploys, by the rule a starting console applies ({@link DryRunRecords#endInterrupted}):
 * a deploy of the console or the API naming one is then refused as interrupted rather than as still running somewhere,
 * and its page says so, without waiting for a console to start. Each is named on stderr.
 */
final class KilledDryRuns {
    private KilledDryRuns() {
    }

    static void end(Output output, ControlPlane plane) {
        for (DryRunStore.Interrupted run : DryRunRecords.endInterrupted(plane)) {
            output.warn("Dry run " + run.id() + " (" + run.user() + ") ended as interrupted: its process " + run.runner()
                    + " is gone (killed?) and never recorded its end; its tenants count as not tested by it.");
        }
    }
}
