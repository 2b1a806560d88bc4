package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Why {@code deploy --resume} of a deployment would run nothing: a canary of it failed and holds the rest back, which a
 * resume does not change (it leaves failed tenants failed). Refused before anything is reopened or audited, naming
 * what works: fix the canary, {@code --retry-failed}, then {@code --resume}; or {@code --resume --continue-on-error},
 * which lets the rest run past the failed canary.
 */
public final class ResumeRefusal {
    private ResumeRefusal() {
    }

    /** The deployment's failed canaries, in the order of its tasks; empty when none failed (or it is a rollback). */
    public static List<TenantId> failedCanaries(DeploymentRecord record, List<TaskRecord> tasks) {
        return record.rollback() ? List.of() : tasks.stream()
                .filter(t -> t.wave() == 0 && t.status() == TaskStatus.FAILED).map(TaskRecord::tenant).toList();
    }

    /**
     * Refuses a resume ({@code failedOnly} false: not a retry) of a deployment whose canary failed, unless given
     * {@code continueOnError} again (BAD_USAGE, exit 2).
     */
    public static void require(DeploymentRecord record, List<TaskRecord> tasks, boolean failedOnly, boolean continueOnError) {
        List<TenantId> failed = failedCanaries(record, tasks);
        if (failedOnly || continueOnError || failed.isEmpty()) {
            return;
        }
        long skipped = tasks.stream().filter(t -> t.status() != TaskStatus.SUCCEEDED && t.status() != TaskStatus.FAILED).count();
        String id = record.id();
        throw new FlotillaException(ErrorCode.BAD_USAGE, Advice.of("Deployment " + id + ": " + canaries(failed)
                + " failed, which holds its other " + skipped + " tenant(s) back, and a resume leaves failed tenants"
                + " failed: it would run nothing. Fix " + (failed.size() == 1 ? "it" : "them") + ", then ",
                Remedy.retryFailed(id), " (the canaries only) and ", Remedy.of("deploy", "--resume", id),
                " (the rest); or, to run the rest anyway, ", Remedy.of("deploy", "--resume", id, "--continue-on-error"),
                ". Nothing was run or recorded."));
    }

    /**
     * Refuses a resume or retry ({@code failedOnly}) of a deployment some of whose tenants it would run again were
     * taken on since by a deployment started later (their last one): running the old one would record, as its own, work
     * the newer one did (tenants "succeeded" with nothing applied, their last deployment moved back) and report failures
     * since repaired. A new deployment leaves the tenants already up to date out (BAD_USAGE, exit 2).
     */
    public static void requireNotSuperseded(ControlPlane plane, DeploymentRecord record, List<TaskRecord> tasks,
                                            boolean failedOnly) {
        Map<String, List<String>> laterByDeployment = supersededBy(plane, record, tasks, failedOnly);
        if (laterByDeployment.isEmpty()) {
            return;
        }
        String kind = record.rollback() ? "rollback" : "deploy";
        // A new rollback needs what to undo (--steps, --to), which only its reader knows: said as text, not a command.
        throw new FlotillaException(ErrorCode.BAD_USAGE, Advice.of((failedOnly ? "A retry" : "A resume") + " of "
                + record.id() + " would run tenants a deployment started after it has run since: "
                + laterByDeployment.entrySet().stream().map(e -> e.getKey() + " (" + shortList(e.getValue()) + ")")
                .collect(Collectors.joining(", ")) + ". It would record their state under " + record.id() + " and report"
                + " its old failures again. Check them with ", Remedy.of("status", "--fleet"), ", then ", record.rollback()
                ? Advice.plain("roll back anew with `flotilla rollback`")
                : Advice.of("run a new deployment: ", Remedy.of("deploy", "--all"), " (or --tenants/--group), which leaves"
                + " the tenants already up to date out"), ". Nothing was run or recorded (" + kind + " " + record.id()
                + " stays as it was)."));
    }

    /**
     * The deployments started after {@code record} that have since taken on tenants a resume ({@code failedOnly}: a
     * retry) of it would run again, each with those tenants (their last deployment), by id; empty when none did.
     */
    public static Map<String, List<String>> supersededBy(ControlPlane plane, DeploymentRecord record, List<TaskRecord> tasks,
                                                         boolean failedOnly) {
        Set<TaskStatus> reopened = reopened(failedOnly);
        Set<TenantId> reopening = tasks.stream().filter(t -> reopened.contains(t.status())).map(TaskRecord::tenant)
                .collect(Collectors.toSet());
        Map<String, List<String>> laterByDeployment = new TreeMap<>();
        Map<String, Boolean> later = new java.util.HashMap<>();
        // The reopened tenants alone, by id (their last deployments): not every tenant of the plane.
        new TreeMap<>(plane.tenants().lastDeployments(reopening)).forEach((tenant, last) -> {
            if (last.equals(record.id())) {
                return;
            }
            boolean newer = later.computeIfAbsent(last, id -> plane.deployments().find(id)
                    .map(d -> d.startedAt().isAfter(record.startedAt())).orElse(false));
            if (newer) {
                laterByDeployment.computeIfAbsent(last, id -> new ArrayList<>()).add(tenant.value());
            }
        });
        return laterByDeployment;
    }

    private static String shortList(List<String> tenants) {
        return tenants.size() <= 5 ? String.join(", ", tenants)
                : String.join(", ", tenants.subList(0, 5)) + " and " + (tenants.size() - 5) + " more";
    }

    /**
     * The tasks a resume runs again: pending, running (read as interrupted once the deployment's process is gone) and
     * skipped; a retry ({@code failedOnly}) the failed.
     */
    public static Set<TaskStatus> reopened(boolean failedOnly) {
        return failedOnly ? Set.of(TaskStatus.FAILED)
                : Set.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.INTERRUPTED, TaskStatus.SKIPPED);
    }

    /** "canary t01", "canaries t01, t02". */
    public static String canaries(List<TenantId> failed) {
        return (failed.size() == 1 ? "canary " : "canaries ") + failed.stream().map(TenantId::value)
                .collect(Collectors.joining(", "));
    }
}
