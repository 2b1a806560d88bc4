package dev.flotilla.cli;

import dev.flotilla.run.DryRunGroup;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.RoundTrip;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.verify.CheckTally;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a fleet's dry run (of pending migrations, or of a rollback): a line per tenant, then its groups, the count,
 * and what was not tested; each tenant in full as {@link DryRunReports} gives one target.
 */
final class FleetDryRunReports {
    private static final int IDS_SHOWN = 10;

    private FleetDryRunReports() {
    }

    /**
     * A line per tenant, then the groups; a tenant whose scratch copy could not be made, and its group, labelled
     * {@code not tested} as the console labels them (its status, in the JSON, stays {@code error}, with {@code notTested}).
     */
    static void printFleet(Output output, List<TenantDryRun> results, List<DryRunGroup> groups) {
        Table.print(output, new String[] {"Tenant", "Status", "Mode", "Time", "Checks", "Outcome"}, results.stream().map(r -> new String[] {
                r.tenant().value(), paint(output, r.untested() ? DryRunGroup.NOT_TESTED : r.status()),
                r.report() == null || r.report().mode() == null ? "-" : r.report().mode(),
                r.report() == null ? "-" : r.report().run().wallMillis() + " ms", checks(r.report()),
                r.firstError() != null ? oneLine(r.firstError()) : r.report().diff() == null || r.report().diff().isEmpty()
                        ? "no schema changes" : r.report().diff().changes().size() + " change(s)"}).toList());
        results.stream().filter(r -> r.report() != null && !DryRunReports.forecast(r.report()).isEmpty())
                .forEach(r -> output.line("  " + r.tenant().value() + ": " + String.join("; ", DryRunReports.forecast(r.report()))));
        // What a structure-only copy did not test is said once, after the count (finishFleet's clone line).
        output.line("");
        for (DryRunGroup group : groups) {
            List<String> ids = group.tenants().stream().map(t -> t.value()).toList();
            output.line(paint(output, group.label()) + " " + ids.size() + " tenant(s): " + group.outcomeAfterLabel() + " [" + shortList(ids)
                    + "]");
            // The group shares its lint rules; each finding as its first tenant's run said it, or "N lint warning(s)" names none.
            results.stream().filter(r -> r.tenant().equals(group.tenants().get(0)) && r.report() != null).findFirst()
                    .ifPresent(first -> first.report().findings()
                            .forEach(f -> output.line("    " + DryRunReports.findingLine(output, f))));
        }
    }

    /**
     * The checks run on the result and the down files' round trips, counted ("6 checks passed, 4 skipped; 2 round trips
     * passed"), so that what passed shows beside what failed; "-" when neither ran.
     */
    static String checks(DryRunReport report) {
        if (report == null) {
            return "-";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (!report.checks().isEmpty()) {
            parts.add(CheckTally.of(report.checks()).text());
        }
        List<RoundTrip> trips = report.roundTrips().stream().filter(t -> t.skipped() == null).toList();
        long failed = trips.stream().filter(t -> !t.ok()).count();
        if (!trips.isEmpty()) {
            parts.add(failed > 0 ? failed + " of " + roundTrips(trips.size()) + " failed"
                    : roundTrips(trips.size()) + " passed");
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    private static String roundTrips(int count) {
        return count + (count == 1 ? " round trip" : " round trips");
    }

    /** Prints a fleet dry run with its groups and ends the command: exit 1 when a tenant would fail. */
    static int finishFleet(Output output, String command, List<TenantDryRun> results, long millis, int sampleRows) {
        return finishFleet(output, command, results, millis, sampleRows, List.of());
    }

    /**
     * As above, with what would refuse the real command on these tenants before it ran anything ({@code refusals}: a
     * rollback merging a shared schema's tenants), said after the summary and among the errors.
     */
    static int finishFleet(Output output, String command, List<TenantDryRun> results, long millis, int sampleRows,
                           List<dev.flotilla.FlotillaException> refusals) {
        return finishFleet(output, command, results, millis, sampleRows, refusals, null);
    }

    /**
     * A fleet dry run the control plane recorded by its id, and the versions it is recorded as testing: the one its files
     * went up to, which a deploy of the console or the API naming it gives.
     */
    record Recorded(String id, List<String> versions) {
    }

    /** As above, with the dry run's record ({@code recorded}, null for none): its id said after the count, and in the JSON. */
    static int finishFleet(Output output, String command, List<TenantDryRun> results, long millis, int sampleRows,
                           List<dev.flotilla.FlotillaException> refusals, Recorded recorded) {
        List<DryRunGroup> groups = DryRunGroup.of(results);
        printFleet(output, results, groups);
        long failed = results.stream().filter(r -> r.status().equals("error")).count();
        // A tenant whose scratch copy could not be made was not tested: not known to fail, nor counted as run on a clone.
        List<String> untested = results.stream().filter(TenantDryRun::untested).map(r -> r.tenant().value()).toList();
        output.line("Dry run of " + ("rollback".equals(command) ? "rolling back " : "") + results.size() + " tenant(s) in "
                + millis + " ms: " + (results.size() - failed) + " would succeed, " + (failed - untested.size()) + " would fail"
                + (untested.isEmpty() ? ""
                : ", " + untested.size() + " could not be tested") + ". Nothing was kept.");
        long clones = results.stream().filter(r -> r.report() != null && "clone".equals(r.report().mode())).count() - untested.size();
        if (clones > 0) {
            String note = clones + " of them ran on a clone: " + DryRunReports.notTestedOnAClone(sampleRows);
            output.line(sampleRows == 0 ? output.yellow(note) : note);
        }
        if (!untested.isEmpty()) {
            output.line(output.yellow(untested.size() + " tenant(s) not tested: the scratch copy could not be made ["
                    + shortList(untested) + "]: " + DryRunReport.COPY_NOT_MADE));
        }
        if (recorded != null && failed == results.size()) {
            // Naming it, the console's deploy leaves every tenant out and the API's is refused: it offers nothing.
            output.line("Recorded as dry run " + recorded.id() + ": no tenant passed it, so a deploy of the console or the API"
                    + " naming it (\"dryRun\") reaches none of them; fix the failures and dry-run again.");
        } else if (recorded != null) {
            output.line("Recorded as dry run " + recorded.id() + ": a deploy of the console or the API may name it (\"dryRun\")"
                    + (recorded.versions().isEmpty() ? "" : " with \"versions\": [\"" + recorded.versions().get(0) + "\"]")
                    + ", to the tenants it tested whose test passed, while the files are as they were.");
        }
        List<Map<String, Object>> errors = new java.util.ArrayList<>(refused(output, refusals));
        // For people, a schema-wide finding in full once per target; the JSON gives every tenant its whole error.
        SchemaWideFindings schemaWide = new SchemaWideFindings();
        for (TenantDryRun result : results) {
            if (result.firstError() != null) {
                String error = output.json() ? result.firstError() : schemaWide.dryRunError(result.target(), result.firstError());
                errors.add(result.report() == null ? Errors.forTenant(result.code(), error, result.tenant().value())
                        : Errors.forTenant(result.report().run().problems().get(0).code(), error,
                                result.tenant().value(), result.report().run().problems().get(0).migration(),
                                result.report().run().problems().get(0).check()));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        // Each tenant's commands written for it, as the text's groups write theirs: runnable as they are.
        data.put("tenants", results.stream().map(r -> DryRunReports.json(r.tenant().value(), r.target(), r.report(),
                r.advice() == null ? null : r.advice().forTenant(r.tenant()).text(), r.tenant())).toList());
        data.put("groups", groups.stream().map(FleetDryRunReports::json).toList());
        data.put("wallMs", millis);
        if (recorded != null) {
            data.put("dryRunId", recorded.id());
        }
        return output.finish(command, data, errors);
    }

    /** Says each refusal the real command would meet, in red, and gives them as errors. */
    static List<Map<String, Object>> refused(Output output, List<dev.flotilla.FlotillaException> refusals) {
        refusals.forEach(e -> output.line(output.red("The " + "rollback would be refused: " + e.getMessage())));
        return refusals.stream().map(Errors::of).toList();
    }

    private static String shortList(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size())))
                + (ids.size() > IDS_SHOWN ? " and " + (ids.size() - IDS_SHOWN) + " more" : "");
    }

    static Map<String, Object> json(DryRunGroup group) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", group.status());
        entry.put("notTested", group.untested()); // its tenants' status says error: nothing was tried on them
        entry.put("outcome", group.outcome());
        entry.put("count", group.tenants().size());
        entry.put("tenants", group.tenants().stream().map(t -> t.value()).toList());
        return entry;
    }

    private static String paint(Output output, String status) {
        return switch (status) {
            case "success" -> output.green(status);
            case "warning", DryRunGroup.NOT_TESTED -> output.yellow(status);
            default -> output.red(status);
        };
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
