package dev.flotilla.web.view;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.control.FleetDryRunSummary;

/**
 * A fleet dry run as the console's list and its page show it: the control plane's summary of it (its page has the whole
 * record beside), and whether this console runs it now (then it reads {@code running}, where the record alone says
 * {@code unfinished}).
 */
public record DryRunRow(FleetDryRunSummary run, boolean runningHere) {
    /** {@code running} (here), {@code unfinished}, {@code interrupted}, {@code failed} or {@code done}. */
    public String status() {
        return runningHere && !run.done() ? "running" : run.status();
    }

    /** Where it was started: {@code cli} ({@code flotilla dry-run}) or {@code console} (the console and its API). */
    public String from() {
        return run.startedFrom();
    }

    /** The versions it tested as {@code spellings} show them, "2, 3", or "none" (a run that had nothing to choose). */
    public String versions(dev.flotilla.migration.VersionSpellings spellings) {
        return run.versions().isEmpty() ? "none" : String.join(", ", spellings.labels(run.versions()));
    }

    /** A tenant's status as its row says it: not tested when its copy was not made, or by a run that did not finish. */
    public String tenantStatus(FleetDryRunRecord.Outcome outcome) {
        if (outcome.status() != null) {
            return outcome.untested() ? "not tested" : outcome.status();
        }
        return run.done() ? "not tested (" + run.status() + ")" : "not yet";
    }
}
