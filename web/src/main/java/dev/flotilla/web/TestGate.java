package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.fleet.FleetActions;
import dev.flotilla.web.auth.Role;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which tenants a deploy may reach after a dry run ("the test"): only tenants the run tested, with exactly the files
 * the deploy applies, and whose test passed (and, checked once the deploy has planned, that have not changed since:
 * {@link dev.flotilla.run.ChangedSinceDryRun}). A tenant whose test failed would most likely fail again, half-applied where DDL is
 * not transactional (MariaDB, MySQL): deploying to it anyway is an override only a platform_super_admin may ask for,
 * and it is audited (seed 000 deploys "after the test migration succeeded"; seed 002: "until all tests pass"). The test
 * is the dry run as the control plane recorded it, so the gate holds after the console restarts.
 */
final class TestGate {
    /** What a failed test does to a deploy that does not override it. */
    enum IfFailed {
        /** The wizard: deploy to the tenants whose test passed, naming those left out. */
        LEAVE_OUT,
        /** The API: refuse, naming the tenants, so that a CI job never deploys to fewer tenants than it asked for unawares. */
        REFUSE
    }

    /** The tenants to deploy to, those left out because their test failed, and those deployed to despite it; with why. */
    record Admitted(List<TenantId> deploy, Map<TenantId, String> leftOut, Map<TenantId, String> overridden) {
        Admitted {
            deploy = List.copyOf(deploy);
            leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
            overridden = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overridden));
        }

        /** What the audit log says about the test this deploy follows. */
        String note(FleetDryRunRecord test) {
            return "tested by dry run " + test.id()
                    + (leftOut.isEmpty() ? "" : "; left out " + leftOut.size() + " tenant(s) whose test failed: " + names(leftOut))
                    + (overridden.isEmpty() ? "" : "; OVERRIDE: deployed to " + overridden.size() + " tenant(s) whose test failed: "
                    + names(overridden));
        }
    }

    private final Console console;

    TestGate(Console console) {
        this.console = console;
    }

    /**
     * The tenants of {@code tenants} this finished test lets a deploy reach; a refusal (409) when it is not finished,
     * tested other files than the deploy would apply ({@code files}: every one up to its newest chosen version) or other
     * tenants, ran out-of-order migrations where the deploy ({@code outOfOrder}) would not or the other way round, was
     * interrupted (its process killed before it recorded an outcome), or failed where {@code ifFailed} says to refuse. {@code override} needs
     * {@link Role.Permission#OVERRIDE_FAILED_TEST} (403 otherwise, audited as every refusal of a role is).
     */
    Admitted admit(Context ctx, FleetDryRunRecord test, LoadedMigrations files, List<TenantId> tenants,
                   boolean outOfOrder, IfFailed ifFailed, boolean override) {
        if (!test.done() && console.actions().dryRuns().find(test.id()).isPresent()) {
            throw new Console.Refusal(409, "Test still running", ErrorCode.NOT_TESTED,
                    "Dry run " + test.id() + " has not finished; deploy once it has.");
        }
        if (!test.done()) {
            throw new Console.Refusal(409, "Test not finished", ErrorCode.NOT_TESTED, "Dry run " + test.id()
                    + " has no result: the console or the flotilla dry-run running it stopped before it finished, or it still"
                    + " runs elsewhere (one whose process is gone is ended as interrupted by the next console to start, or"
                    + " the next flotilla dry-run or deploy)."
                    + " Deploy once it has finished, or dry-run again.");
        }
        // Exactly the files the deploy applies (all up to its newest chosen version), by name and checksum.
        String otherFiles = test.notExactly(files);
        if (otherFiles != null) {
            throw new Console.Refusal(409, "Not what was tested", ErrorCode.NOT_TESTED, otherFiles);
        }
        List<String> untested = tenants.stream().filter(t -> !test.tested(t)).map(TenantId::value).toList();
        if (!untested.isEmpty()) {
            throw new Console.Refusal(409, "Not what was tested", ErrorCode.NOT_TESTED, "Dry run " + test.id()
                    + " did not test " + untested.size()
                    + " of the tenant(s) to deploy: " + String.join(", ", untested.stream().limit(20).toList())
                    + (untested.size() > 20 ? ", ..." : "") + ". Dry-run them too, or leave them out.");
        }
        String otherChoice = outOfOrderDiffers(test, outOfOrder);
        if (otherChoice != null) {
            throw new Console.Refusal(409, "Not what was tested", ErrorCode.NOT_TESTED, otherChoice);
        }
        if (test.interrupted() && !override) {
            // Not "failed, would most likely fail again": its process was gone before it recorded any tenant's outcome.
            throw new Console.Refusal(409, "Test interrupted", ErrorCode.NOT_TESTED, "Dry run " + test.id() + " was"
                    + " interrupted, so no tenant passed it (" + test.error() + "). Deploy naming the new dry run.");
        }
        Map<TenantId, String> failed = new LinkedHashMap<>(test.failedTenants());
        failed.keySet().retainAll(java.util.Set.copyOf(tenants));
        if (failed.isEmpty()) {
            return new Admitted(tenants, Map.of(), Map.of());
        }
        if (override) {
            console.require(ctx, Role.Permission.OVERRIDE_FAILED_TEST);
            return new Admitted(tenants, Map.of(), failed);
        }
        if (ifFailed == IfFailed.REFUSE) {
            throw new Console.Refusal(409, "Test failed", ErrorCode.NOT_TESTED, "Dry run " + test.id()
                    + " failed on " + failed.size() + " tenant(s): "
                    + reasons(failed) + ". " + whatFailureMeans(test, failed) + " Leave them out of \"tenants\", or fix them and dry-run again; a platform_super_admin can deploy anyway"
                    + " with \"overrideFailedTest\": true.");
        }
        List<TenantId> passed = tenants.stream().filter(t -> !failed.containsKey(t)).toList();
        if (passed.isEmpty()) {
            throw new Console.Refusal(409, "Test failed", ErrorCode.NOT_TESTED,
                    "The test failed on every chosen tenant (" + reasons(failed)
                    + "): nothing to deploy. Go back, fix the migration or the tenants, and test again.");
        }
        return new Admitted(passed, failed, Map.of());
    }

    /**
     * Audits the override of {@code admitted}, if it has one, once the deploy it let through has {@code started}: the
     * entry names that deployment and the tenants deployed to despite their failed test. A deploy that started nothing
     * (all up to date) overrode nothing.
     */
    void recordOverride(Context ctx, FleetDryRunRecord test, Admitted admitted, FleetActions.Started started) {
        if (admitted.overridden().isEmpty() || started.deployment() == null) {
            return;
        }
        console.actions().audit(Console.principal(ctx), "deploy.failed-test-overridden",
                FleetActions.onlyOne(admitted.overridden().keySet()), started.deployment(), admitted.note(test), "ok");
    }

    /**
     * Why the deploy's out-of-order choice ({@code outOfOrder}) is not its test's, and what to do, in the API's words;
     * null when they are the same (the wizard's rule: a test recorded before the choice was kept ran without). Refused
     * as every other difference from the test is: with it, an older migration the deploy would apply was not tried;
     * without it, the deploy is not the one that was tested either, though it could apply no migration the test did not.
     */
    private static String outOfOrderDiffers(FleetDryRunRecord test, boolean outOfOrder) {
        if (Boolean.TRUE.equals(test.outOfOrder()) == outOfOrder) {
            return null;
        }
        if (test.outOfOrder() == null) {
            return "This deploy allows out-of-order migrations (\"outOfOrder\": true), but dry run " + test.id() + " was"
                    + " recorded before a dry run's out-of-order choice was kept: it cannot show they were tested. Deploy"
                    + " without \"outOfOrder\", or dry-run again with \"outOfOrder\": true and name that dry run.";
        }
        return outOfOrder
                ? "This deploy allows out-of-order migrations (\"outOfOrder\": true), but dry run " + test.id() + " ran"
                + " without: a migration older than a tenant's newest applied one that it would apply was not tested."
                + " Deploy as tested, without \"outOfOrder\", or dry-run again with \"outOfOrder\": true and name that dry run."
                : "Dry run " + test.id() + " ran with out-of-order migrations allowed (\"outOfOrder\": true), but this deploy"
                + " does not allow them: it is not the deploy that was tested. Deploy as tested, with \"outOfOrder\": true,"
                + " or dry-run again without it and name that dry run.";
    }

    /**
     * What the failed tests mean for a deploy: a failure would most likely happen again, half-applied where DDL is not
     * transactional; where the scratch copy could not be made (CLONE_FAILED) nothing was tried, so it would run untested.
     */
    private static String whatFailureMeans(FleetDryRunRecord test, Map<TenantId, String> failed) {
        Map<TenantId, String> untested = new LinkedHashMap<>(test.untestedTenants());
        untested.keySet().retainAll(failed.keySet());
        String again = "They would most likely fail again, half-applied where DDL is not transactional.";
        if (untested.isEmpty()) {
            return again;
        }
        String copy = "the scratch copy could not be made (CLONE_FAILED): " + dev.flotilla.run.DryRunReport.COPY_NOT_MADE;
        return untested.size() == failed.size() ? "On " + (failed.size() == 1 ? "it " : "them ") + copy
                : again.replace(".", "") + ", but on " + names(untested) + " " + copy;
    }

    private static String names(Map<TenantId, String> tenants) {
        return tenants.keySet().stream().limit(50).map(TenantId::value).collect(Collectors.joining(","))
                + (tenants.size() > 50 ? ",..." : "");
    }

    private static String reasons(Map<TenantId, String> tenants) {
        return tenants.entrySet().stream().limit(10).map(e -> e.getKey().value() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ")) + (tenants.size() > 10 ? " and " + (tenants.size() - 10) + " more" : "");
    }
}
