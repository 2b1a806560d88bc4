package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.TenantTestRecords;
import dev.flotilla.control.TenantTestRecords.NewestDryRun;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether each tenant a deploy would migrate was tested: its newest dry run, as the control plane keeps it, passed for
 * exactly the migrations the deploy would apply there (the same versions in the same order, the same files by their
 * checksums), and was recorded after the last deployment, rollback, restore or repair that touched it. Seed 002: "DO NOT
 * PROCEED TO PRODUCTION until all tests pass". When unsure (no checksums kept, a target that could not be read), a
 * tenant is not counted as tested. A value; computed once, before anything runs.
 */
public final class TestedPlans {
    /** Why a tenant does not count as tested; {@link #PASSED} when it does. */
    public enum Verdict {
        PASSED("passed"),
        NOT_TESTED("not tested"),
        FAILED("failed"),
        OTHER_FILES("tested on other files"),
        OUTDATED("tested before the tenant last changed");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** The most tenants of one kind a message names; the dry-run command it gives names them all. */
    private static final int NAMED = 20;

    private final Map<TenantId, Verdict> verdicts;
    private final Map<TenantId, String> failures;
    /** When each tenant's newest dry run was recorded; none for a tenant without one. */
    private final Map<TenantId, Instant> testedAt;
    private final boolean outOfOrder;
    /** The version the deploy stops at, said as the dry-run command's {@code --to}; null when it applies every file. */
    private final MigrationVersion ceiling;

    private TestedPlans(Map<TenantId, Verdict> verdicts, Map<TenantId, String> failures, Map<TenantId, Instant> testedAt,
                        boolean outOfOrder, MigrationVersion ceiling) {
        this.verdicts = verdicts;
        this.failures = failures;
        this.testedAt = testedAt;
        this.outOfOrder = outOfOrder;
        this.ceiling = ceiling;
    }

    /**
     * These verdicts of a deploy that stops at {@code ceiling} (the console's and the API's chosen versions, files after it
     * left pending): the dry-run command it gives tests no further ({@code --to}), since a dry run of everything pending
     * tests more than the deploy applies, and is not what it applies. Null leaves the command without a limit.
     */
    public TestedPlans upTo(MigrationVersion ceiling) {
        return new TestedPlans(verdicts, failures, testedAt, outOfOrder, ceiling);
    }

    /**
     * The verdict on each plan with something to apply (an up-to-date tenant is left out, and so is a blocked one: a dry
     * run refuses it as a deploy does, so naming it in the dry run to run helps nothing; what blocks it says its own next
     * step); {@code outOfOrder} whether the deploy applies out-of-order migrations, so that the dry run it names to run
     * does too.
     */
    public static TestedPlans of(ControlPlane plane, List<TenantPlan> plans, LoadedMigrations migrations, boolean outOfOrder) {
        List<TenantPlan> work = plans.stream().filter(p -> p.state() != TenantPlan.State.UP_TO_DATE
                && p.state() != TenantPlan.State.BLOCKED).toList();
        TenantTestRecords.Read records = TenantTestRecords.read(plane, work.stream().map(TenantPlan::tenant).toList());
        Map<TenantId, Verdict> verdicts = new LinkedHashMap<>();
        Map<TenantId, String> failures = new LinkedHashMap<>();
        Map<TenantId, Instant> testedAt = new LinkedHashMap<>();
        for (TenantPlan plan : work) {
            NewestDryRun dryRun = records.dryRuns().get(plan.tenant());
            if (dryRun != null) {
                testedAt.put(plan.tenant(), dryRun.at());
            }
            Verdict verdict = verdict(plan, dryRun, records.changes().get(plan.tenant()), migrations);
            verdicts.put(plan.tenant(), verdict);
            if (verdict == Verdict.FAILED) {
                failures.put(plan.tenant(), (dryRun.errorCode() == null ? "" : dryRun.errorCode() + ": ")
                        + (dryRun.error() == null ? "its error was not kept" : firstLine(dryRun.error())));
            }
        }
        return new TestedPlans(verdicts, failures, testedAt, outOfOrder, null);
    }

    private static Verdict verdict(TenantPlan plan, NewestDryRun dryRun, Instant changed, LoadedMigrations migrations) {
        // A target that could not be read has no known pending migrations to compare: it may not be deployed untested.
        if (dryRun == null || plan.state() == TenantPlan.State.UNREACHABLE || dryRun.untested()) {
            return Verdict.NOT_TESTED;
        }
        if (TenantTestRecords.changedSince(changed, dryRun.at())) {
            return Verdict.OUTDATED;
        }
        List<String> pending = plan.pending();
        if (dryRun.failed()) {
            // A failed dry run ran up to its failure: of these files when what it ran begins what the deploy would apply.
            return sameFiles(dryRun, pending.subList(0, Math.min(dryRun.versions().size(), pending.size())), migrations)
                    ? Verdict.FAILED : Verdict.OTHER_FILES;
        }
        return sameFiles(dryRun, pending, migrations) ? Verdict.PASSED : Verdict.OTHER_FILES;
    }

    private static boolean sameFiles(NewestDryRun dryRun, List<String> versions, LoadedMigrations migrations) {
        return dryRun.checksums() != null && dryRun.versions().equals(versions)
                && dryRun.checksums().equals(DryRunStore.checksums(versions, migrations));
    }

    /** Each tenant's verdict, in the plans' order. */
    public Map<TenantId, Verdict> verdicts() {
        return java.util.Collections.unmodifiableMap(verdicts);
    }

    /** The tenants not counted as tested, by why, each kind in the plans' order; empty when every one passed. */
    public Map<Verdict, List<TenantId>> untested() {
        Map<Verdict, List<TenantId>> untested = new EnumMap<>(Verdict.class);
        verdicts.forEach((tenant, verdict) -> {
            if (verdict != Verdict.PASSED) {
                untested.computeIfAbsent(verdict, v -> new ArrayList<>()).add(tenant);
            }
        });
        return untested;
    }

    public boolean allPassed() {
        return untested().isEmpty();
    }

    /** The command that tests the tenants not counted as tested, as the deploy would apply their migrations. */
    public String dryRunCommand() {
        return dryRun().commandLine();
    }

    /**
     * {@link #dryRunCommand()} as a value, every tenant named (a message's reader runs it as it is written), so that a
     * message says it as its reader runs it: the command line as a command, the console as its wizard's test step.
     */
    public Remedy dryRun() {
        return dryRunOf(untested().values().stream().flatMap(List::stream).map(TenantId::value).toList(), ceiling, outOfOrder);
    }

    /**
     * The dry run of {@code tenants} as a deploy would apply their migrations: up to {@code ceiling} ({@code --to}; null:
     * no limit), with out-of-order migrations when {@code outOfOrder}.
     */
    static Remedy dryRunOf(List<String> tenants, MigrationVersion ceiling, boolean outOfOrder) {
        List<String> arguments = new ArrayList<>(List.of("--tenants", String.join(",", tenants)));
        if (ceiling != null) {
            arguments.addAll(List.of("--to", ceiling.toString()));
        }
        if (outOfOrder) {
            arguments.add("--out-of-order");
        }
        return new Remedy("dry-run", arguments, List.of());
    }

    /** The tenants not counted as tested, grouped by why: "not tested: t1, t2; failed: t3 (SQL_ERROR: ...)". */
    public String describe() {
        return untested().entrySet().stream().map(e -> e.getKey().words() + ": " + e.getValue().stream().limit(NAMED)
                .map(t -> t.value() + (failures.containsKey(t) ? " (" + failures.get(t) + ")" : ""))
                .collect(Collectors.joining(", ")) + (e.getValue().size() > NAMED ? " and " + (e.getValue().size() - NAMED)
                + " more" : "")).collect(Collectors.joining("; "));
    }

    /** The one line a deploy that does not require tests warns with; null when every tenant passed. */
    public String warning() {
        return warning("this deploy");
    }

    /** The line {@code plan} warns with, of the deploy it plans for; null when every tenant passed. */
    public String planWarning() {
        return warning("a deploy");
    }

    private String warning(String deploy) {
        if (allPassed()) {
            return null;
        }
        long count = untested().values().stream().mapToLong(List::size).sum();
        return count + " of " + verdicts.size() + " tenant(s) have no passing dry run of the migrations " + deploy + " would"
                + " apply (" + describe() + "); test them first with " + dryRun()
                + ", or set deploy.requireTested to refuse such deploys.";
    }

    /**
     * The refusal of a deploy that requires tests ({@code how}: the setting or flag that does), when a tenant was not
     * tested; nothing is deployed.
     */
    public NotTestedRefusal refusal(String how) {
        return new NotTestedRefusal(this, Advice.of("Nothing was deployed: " + how + " requires a passing dry run of exactly"
                + " the migrations a deploy applies, recorded since each tenant last changed, and " + none() + ". Dry-run them"
                + " with ", dryRun(), ", fix what fails, then deploy again."));
    }

    /**
     * The refusal of a resume of {@code deployment} (with {@code failedOnly}, a retry of its failed tenants; with
     * {@code continueOnError}, a resume past failures) that requires tests, checked as a deploy is on the tenants it would
     * run again: nothing is reopened. {@code touched} is when each of its tasks last started or ended (one never started
     * left out): a tenant whose task did so after its newest dry run changed since, failed or cut off part-way, and what
     * it has left to apply was not tested; said plainly. It names the continuation to run again as it was asked for.
     */
    public NotTestedRefusal continuationRefusal(String how, String deployment, boolean failedOnly, boolean continueOnError,
                                                Map<TenantId, Instant> touched) {
        String noun = failedOnly ? "retry" : "resume";
        List<String> ranIn = untested().getOrDefault(Verdict.OUTDATED, List.of()).stream()
                .filter(t -> touched.containsKey(t) && !touched.get(t).isBefore(testedAt.get(t))).map(TenantId::value).toList();
        String changed = ranIn.isEmpty() ? "" : " " + String.join(", ", ranIn.subList(0, Math.min(NAMED, ranIn.size())))
                + (ranIn.size() > NAMED ? " and " + (ranIn.size() - NAMED) + " more" : "") + " ran in deployment " + deployment
                + (ranIn.size() == 1 ? " after its newest dry run and failed or was cut off part-way: what it has"
                : " after their newest dry run and failed or were cut off part-way: what they have")
                + " left to apply was not tested.";
        Remedy again = failedOnly ? Remedy.retryFailed(deployment) : continueOnError
                ? Remedy.of("deploy", "--resume", deployment, "--continue-on-error") : Remedy.of("deploy", "--resume", deployment);
        return new NotTestedRefusal(this, Advice.of("Nothing was " + (failedOnly ? "retried" : "resumed") + ": " + how
                + " requires a passing dry run of exactly the migrations a " + noun + " applies, recorded since each tenant"
                + " last changed, as a deploy does, and " + none() + "." + changed + " Dry-run them with ", dryRun(),
                ", fix what fails, then run it again: ", again, "."));
    }

    /** "2 of 5 tenant(s) have none (not tested: t1; failed: t2 (...))". */
    private String none() {
        long count = untested().values().stream().mapToLong(List::size).sum();
        return count + " of " + verdicts.size() + " tenant(s) have none (" + describe() + ")";
    }

    /** Additive JSON: each kind of untested tenant's ids, and how many passed. */
    public Map<String, Object> json(boolean required) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("required", required);
        json.put("passed", verdicts.values().stream().filter(v -> v == Verdict.PASSED).count());
        Map<Verdict, List<TenantId>> untested = untested();
        json.put("notTested", ids(untested.get(Verdict.NOT_TESTED)));
        json.put("failed", ids(untested.get(Verdict.FAILED)));
        json.put("otherFiles", ids(untested.get(Verdict.OTHER_FILES)));
        json.put("outdated", ids(untested.get(Verdict.OUTDATED)));
        json.put("dryRunCommand", allPassed() ? null : dryRunCommand());
        return json;
    }

    private static List<String> ids(List<TenantId> tenants) {
        return tenants == null ? List.of() : tenants.stream().map(TenantId::value).toList();
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 400 ? line : line.substring(0, 399) + "…";
    }
}
