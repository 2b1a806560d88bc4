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
     * Audits the end of the run, then records the deployment's final status: audited first, so that whoever waits for
     * that status finds its entry in the audit log.
     */
    static void record(ControlPlane plane, String actor, DeploymentRecord deployment, DeployResult result) {
        DeploymentStatus status = result.stopped() != null ? DeploymentStatus.STOPPED
                : result.ok() ? DeploymentStatus.SUCCEEDED : DeploymentStatus.FAILED;
        plane.audit().record(actor, kind(deployment) + ".finished", null, deployment.id(), result.count(TaskStatus.SUCCEEDED)
                + " succeeded, " + result.count(TaskStatus.FAILED) + " failed, " + result.count(TaskStatus.SKIPPED) + " skipped"
                + (result.afterDeployment() == null ? "" : "; afterDeployment hook failed")
                + stoppedBy(result.stopped(), deployment), result.ok() ? "ok" : status.word(), null);
        plane.deployments().finish(deployment.id(), status);
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
