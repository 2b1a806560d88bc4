package dev.flotilla.run;

import dev.flotilla.control.VerificationStore.Examined;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks only a deployment can run, which no {@code flotilla verify} examines again: {@code row-counts} compares
 * with the rows counted before the migrations, {@code expected-objects} what they applied with their dry run. What a
 * failure of one tells the user to do, after the deploy and while the failure stands.
 */
final class DeploymentOnlyChecks {
    static final String ROW_COUNTS = "row-counts";
    /** Each check's id, and why a verify cannot run it. */
    private static final Map<String, String> WHY = Map.of(
            ROW_COUNTS, "it compares with the rows counted before the deployment",
            "expected-objects", "it compares what the deployment applied with the dry run of those migrations");

    private DeploymentOnlyChecks() {
    }

    static boolean includes(String check) {
        return WHY.containsKey(check);
    }

    /**
     * What to do after a deployment's checks failed ({@code failed}) on {@code tenant}: the sentences that end the task's
     * error. A restore takes every tenant sharing the target ({@code sharing}, the tenant alone but in a shared schema);
     * a verify, the tenant alone.
     *
     * @param backedUp whether the deployment took a backup of the target before its migrations
     */
    static Advice remedy(List<CheckResult> failed, String deployment, String tenant, String sharing, boolean backedUp) {
        List<Object> remedy = new ArrayList<>(List.of("The migrations stay applied."));
        if (failed.stream().anyMatch(r -> r.id().equals(ROW_COUNTS))) {
            remedy.addAll(backedUp ? List.of(" Rows were lost: ", restoreCommand(deployment, sharing), " puts them back as"
                    + " the backup taken before the deployment holds them (its migrations undone too); then fix the migration"
                    + " and deploy again.")
                    : List.of(" Rows were lost, and the deployment took no backup (deploy.backup off, or --skip-backup): put"
                    + " them back from a backup of your own."));
        }
        if (failed.stream().anyMatch(r -> !includes(r.id()))) {
            remedy.addAll(List.of(" Fix the data or schema and run ", Remedy.of("verify", "--tenants", tenant), "."));
        }
        List<String> unexamined = failed.stream().map(CheckResult::id).filter(DeploymentOnlyChecks::includes).toList();
        if (!unexamined.isEmpty()) {
            // The command named first is the subject of the sentence, not one to run: it stays as written.
            remedy.addAll(List.of(" `flotilla verify` cannot examine " + String.join(" or ", unexamined) + " again ("
                    + unexamined.stream().map(WHY::get).collect(Collectors.joining("; ")) + "): once what"
                    + (unexamined.size() == 1 ? " it" : " they") + " found is fixed (or accepted), clear the failure with ",
                    Remedy.of("verify", "--tenants", tenant, "--clear-unexamined"), "."));
        }
        return new Advice(remedy);
    }

    /**
     * The command that restores the target of the deployment's backup: for every tenant sharing it ({@code sharing}, the
     * tenant alone but in a shared schema), as a restore takes them all or refuses.
     */
    private static Remedy restoreCommand(String deployment, String sharing) {
        return Remedy.of("restore", "--deployment", deployment, "--tenants", sharing, "--yes");
    }

    /**
     * An earlier failure of a check a verify skipped ({@code skipped}, saying why), as that verify reports it: still
     * failed, saying where it failed, that this verify did not examine it, and how to clear it; for row-counts, how to put
     * the rows back (the backup {@code backedUp} of the deployment it failed in, recorded for the tenants sharing the
     * target, or null when none is kept).
     */
    static CheckResult standing(Examined earlier, CheckResult skipped, String tenant, Backed backedUp) {
        CheckResult result = earlier.result();
        String where = earlier.deployment() != null ? "in deployment " + earlier.deployment() : "in an earlier check";
        String restore = !result.id().equals(ROW_COUNTS) || earlier.deployment() == null ? ""
                : backedUp == null ? " If rows were lost, no backup taken before that deployment is kept (deploy.backup off,"
                        + " --skip-backup, or deleted by backup.keep): put them back from a backup of your own."
                : " If rows were lost, " + restoreCommand(earlier.deployment(), String.join(",", backedUp.sharing()))
                        + (backedUp.sharing().size() == 1 ? " puts the tenant back as it was" : " puts the tenants sharing its"
                        + " schema back as they were (a restore takes all of them)") + " before that deployment (its"
                        + " migrations undone too).";
        String message = "failed " + where + " (" + earlier.at().truncatedTo(ChronoUnit.SECONDS) + "): " + result.message()
                + ". This verify did not examine it again (" + skipped.message() + "), so that failure still stands." + restore + " Once what it found is fixed (or accepted), clear it with"
                + " `flotilla verify --tenants " + tenant + " --clear-unexamined`.";
        return new CheckResult(result.id(), CheckStatus.FAILED, message, result.problems(), 0);
    }

    /** A deployment's backup of a tenant: the tenants it was recorded for (sharing the tenant's target), in order. */
    record Backed(List<String> sharing) {
        Backed {
            sharing = List.copyOf(sharing);
        }

        /** The backup of {@code tenant} taken before {@code deployment}, if it is kept, and who shares it. */
        static Backed of(dev.flotilla.control.ControlPlane plane, String deployment, dev.flotilla.tenant.TenantId tenant) {
            return deployment == null ? null : plane.backups().find(deployment, tenant)
                    .map(b -> new Backed(plane.backups().tenantsOf(deployment, b.path()).stream()
                            .map(dev.flotilla.tenant.TenantId::value).toList()))
                    .orElse(null);
        }
    }
}
