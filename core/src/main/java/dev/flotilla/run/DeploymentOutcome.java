package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one run of a deployment (or rollback) ends: the deployment's outcome, not only this attempt's, audited and then
 * recorded as its final status.
 */
final class DeploymentOutcome {
    private DeploymentOutcome() {
    }

    /**
     * The tenants whose task failed in an earlier attempt and was not tried again: they still failed (a resume continues
     * the others; --retry-failed takes them up). Each error names that retry, then says the earlier one, whose commands
     * (written for the tenant when it was recorded) are read back from its text.
     *
     * @param before the deployment's tasks as this run found them
     */
    static List<TaskResult> failedEarlier(DeploymentRecord deployment, List<TaskRecord> before,
                                          Map<TenantId, TenantTarget> registered) {
        return before.stream().filter(t -> t.status() == TaskStatus.FAILED).map(t -> {
            Advice error = Advice.of("failed in an earlier attempt of this " + kind(deployment) + ", not tried again (",
                    Remedy.retryFailed(deployment.id()), " does): ",
                    Advice.read(String.valueOf(t.error())));
            return new TaskResult(t.tenant(), TenantTarget.nameOf(registered.get(t.tenant())), TaskStatus.FAILED,
                    t.applied(), 0, t.attempts(), t.code() == null ? ErrorCode.INTERNAL : t.code(), error.text(), null, null,
                    error.commands());
        }).toList();
    }

    /**
     * The deployment's tenants this run did not run and that are not done: skipped, pending or interrupted as an earlier
     * attempt left them (a retry of the failed tenants leaves them so; a resume runs them).
     *
     * @param before the deployment's tasks as this run found them
     */
    static List<TenantId> notStarted(List<TaskRecord> before, List<TaskResult> results) {
        Set<TenantId> run = results.stream().map(TaskResult::tenant).collect(Collectors.toSet());
        Set<TaskStatus> resumed = ResumeRefusal.reopened(false);
        return before.stream().filter(t -> resumed.contains(t.status()) && !run.contains(t.tenant()))
                .map(TaskRecord::tenant).toList();
    }

    /**
     * Audits the end of the run, then records the deployment's final status, judged on all its tenants
     * ({@link DeployResult#status()}): audited first, so that whoever waits for that status finds its entry in the audit
     * log.
     */
    static void record(ControlPlane plane, String actor, DeploymentRecord deployment, DeployResult result) {
        DeploymentStatus status = result.status();
        plane.audit().record(actor, kind(deployment) + ".finished", null, deployment.id(), result.count(TaskStatus.SUCCEEDED)
                + " succeeded, " + result.count(TaskStatus.FAILED) + " failed, " + result.count(TaskStatus.SKIPPED) + " skipped"
                + (result.afterDeployment() == null ? "" : "; afterDeployment hook failed")
                + stoppedBy(result.stopped(), deployment) + notStarted(result, deployment),
                result.ok() ? "ok" : status.word(), null);
        plane.deployments().finish(deployment.id(), status);
    }

    /** The tenants an earlier attempt left not started and this one did not run, and what runs them; "" when none. */
    private static String notStarted(DeployResult result, DeploymentRecord deployment) {
        return result.notStarted().isEmpty() ? "" : "; " + result.notStarted().size() + " tenant(s) not started in an"
                + " earlier attempt still not run, " + Remedy.of(kind(deployment), "--resume", deployment.id()) + " runs them";
    }

    /**
     * Who stopped the run and when they asked, for the audit log's entry of its end (which says when it took effect), and
     * the resume that continues it, naming it: the entry is read apart from the deployment it is about.
     */
    private static String stoppedBy(StopRequest stop, DeploymentRecord deployment) {
        return stop == null ? "" : "; stopped at the request of " + stop.by() + " (asked " + stop.at() + "): tenants not"
                + " started were skipped, " + Remedy.of(kind(deployment), "--resume", deployment.id()) + " continues it";
    }

    private static String kind(DeploymentRecord deployment) {
        return deployment.rollback() ? "rollback" : "deploy";
    }
}
