package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.ResumeRefusal;
import dev.flotilla.web.auth.Role;
import java.util.List;
import java.util.Set;

/**
 * The buttons of a deployment's page that change tenants (or, for Stop, which tenants will not be started), each asked for on a page naming the tenants it touches
 * and what happens to them, as the command line asks for --yes: the tenants are those the engine would run.
 */
public enum DeploymentAction {
    RETRY_FAILED("retry-failed", "Retry failed", Role.Permission.DEPLOY, Set.of(TaskStatus.FAILED)),
    RESUME("resume", "Resume", Role.Permission.DEPLOY,
            Set.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.INTERRUPTED, TaskStatus.SKIPPED)),
    /** As {@code deploy --resume ID --continue-on-error}: the rest run past a failed canary, and no failure stops them. */
    RESUME_PAST_FAILURES("resume-continue-on-error", "Resume past failures", Role.Permission.DEPLOY, ResumeRefusal.reopened(false)),
    ROLLBACK("rollback", "Roll back", Role.Permission.ROLLBACK, Set.of()),
    /** Its tasks are those not started yet: the ones the stop leaves out. */
    STOP("stop", "Stop", Role.Permission.DEPLOY, Set.of(TaskStatus.PENDING));

    private final String path;
    private final String title;
    private final Role.Permission permission;
    private final Set<TaskStatus> reopened;

    DeploymentAction(String path, String title, Role.Permission permission, Set<TaskStatus> reopened) {
        this.path = path;
        this.title = title;
        this.permission = permission;
        this.reopened = reopened;
    }

    /** The last part of its URL: /deployments/{id}/retry-failed. */
    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    Role.Permission permission() {
        return permission;
    }

    public boolean undoes() {
        return this == ROLLBACK;
    }

    /** Whether it continues the deployment as {@code deploy --resume} does (with --continue-on-error or without). */
    public boolean resumes() {
        return this == RESUME || this == RESUME_PAST_FAILURES;
    }

    /**
     * The deployment's tasks it runs: a retry its failed ones, a resume those not finished, a rollback those that
     * applied anything (a failed one's earlier migrations too); a stop those it leaves not started. Refused up front
     * when there is nothing to do.
     */
    List<TaskRecord> affected(DeploymentRecord deployment, List<TaskRecord> tasks) {
        if (this == ROLLBACK && deployment.rollback()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    deployment.id() + " is itself a rollback; deploy again instead.");
        }
        if (resumes()) {
            requireResumable(deployment, tasks, this == RESUME_PAST_FAILURES);
        }
        if (this == STOP && deployment.status() != DeploymentStatus.RUNNING) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Deployment " + deployment.id() + " is " + deployment.status().word()
                    + ", not running: there is nothing to stop.");
        }
        List<TaskRecord> affected = tasks.stream().filter(t -> this == ROLLBACK ? !t.applied().isEmpty() : reopened.contains(t.status()))
                .toList();
        if (affected.isEmpty()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Deployment " + deployment.id() + " has no tenant to "
                    + title.toLowerCase(java.util.Locale.ROOT) + (this == ROLLBACK ? ": it applied nothing." : "."));
        }
        return affected;
    }

    /**
     * Whether the deployment's page offers Resume: as {@code deploy --resume} runs it (without --continue-on-error), a
     * deployment not running with tenants not done (pending, interrupted or skipped: a stopped one's, a failed one's
     * after a tenant failed), unless a failed canary holds them back.
     */
    public static boolean offersResume(DeploymentRecord deployment, List<TaskRecord> tasks) {
        return deployment.status() != DeploymentStatus.RUNNING
                && tasks.stream().anyMatch(t -> RESUME.reopened.contains(t.status()))
                && ResumeRefusal.failedCanaries(deployment, tasks).isEmpty();
    }

    /**
     * Whether the deployment's page offers Resume past failures, as {@code deploy --resume ID --continue-on-error} runs it:
     * a deployment (not a rollback) not running, a tenant of which failed, with tenants not done: past a failed canary
     * too, and a tenant failing then does not stop the rest.
     */
    public static boolean offersResumePastFailures(DeploymentRecord deployment, List<TaskRecord> tasks) {
        return deployment.status() != DeploymentStatus.RUNNING && !deployment.rollback() && deployment.failed() > 0
                && tasks.stream().anyMatch(t -> RESUME.reopened.contains(t.status()));
    }

    /**
     * Refuses a resume {@code deploy --resume} refuses (BAD_USAGE as a 400): of a deployment still running, or, without
     * {@code continueOnError}, whose failed canary holds the rest back.
     */
    private static void requireResumable(DeploymentRecord deployment, List<TaskRecord> tasks, boolean continueOnError) {
        if (deployment.status() == DeploymentStatus.RUNNING) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE, "Deployment " + deployment.id()
                    + " is running: it is resumed once it has ended (Stop ends it stopped).");
        }
        ResumeRefusal.require(deployment, tasks, false, continueOnError);
    }

    /** The versions a rollback undoes on a tenant, the one installed last first. */
    public static List<String> undone(TaskRecord task) {
        return task.applied().reversed();
    }
}
