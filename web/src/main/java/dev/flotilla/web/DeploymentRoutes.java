package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.VersionSpellings;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import dev.flotilla.web.RefusedAttempts.PathId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetActions;
import dev.flotilla.web.fleet.RollbackMergeWarning;
import dev.flotilla.web.view.Paging;
import dev.flotilla.web.view.RunningTime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Deployments: the list, one deployment with live progress (server-sent events, read from the control plane, so a
 * deployment started from the command line is watched the same way), and "retry failed" / "resume" / "roll back" /
 * "stop".
 */
final class DeploymentRoutes {
    private static final int PAGE_SIZE = 30;
    /** The session's flash key of what the rollback guard said of the rollback named after it. */
    private static final String NOTICES = "rollback-notices/";
    /** The session's flash key of what a deploy warned of its canaries (the API's "warnings"), per deployment. */
    static final String WARNINGS = "deploy-warnings/";
    /** Tasks shown per deployment: failed and running first. */
    static final int TASKS_SHOWN = 200;

    private final Console console;
    private final LiveProgress live;
    private final SseHandler events;
    /** Schema changes grouped once, not on each refresh: a finished deployment's, a running one's finished tasks'. */
    private final FinishedChanges changes = new FinishedChanges();

    DeploymentRoutes(Console console) {
        this.console = console;
        this.live = new LiveProgress(this::feed, ConsoleLog.of(console.fleet())::line);
        this.events = new SseHandler(client -> live.watch(client.ctx().pathParam("id"), client));
    }

    /** The streams of the deployments' pages, for the console to end at its stop. */
    LiveProgress live() {
        return live;
    }

    void register(Javalin app) {
        app.get("/deployments", this::list);
        app.get("/deployments/{id}", this::detail);
        app.get("/deployments/{id}/events", this::stream);
        // Each button of a deployment's page opens a confirmation naming its tenants; its button there posts.
        app.get("/deployments/{id}/retry-failed", RefusedAttempts.about(PathId.DEPLOYMENT, ctx -> confirm(ctx, DeploymentAction.RETRY_FAILED)));
        app.get("/deployments/{id}/resume", RefusedAttempts.about(PathId.DEPLOYMENT, ctx -> confirm(ctx, DeploymentAction.RESUME)));
        app.get("/deployments/{id}/resume-continue-on-error", RefusedAttempts.about(PathId.DEPLOYMENT,
                ctx -> confirm(ctx, DeploymentAction.RESUME_PAST_FAILURES)));
        app.get("/deployments/{id}/rollback", RefusedAttempts.about(PathId.DEPLOYMENT, ctx -> confirm(ctx, DeploymentAction.ROLLBACK)));
        app.get("/deployments/{id}/stop", RefusedAttempts.about(PathId.DEPLOYMENT, ctx -> confirm(ctx, DeploymentAction.STOP)));
        app.post("/deployments/{id}/retry-failed", RefusedAttempts.as("deploy.retry-failed", PathId.DEPLOYMENT, this::retryFailed));
        app.post("/deployments/{id}/resume", RefusedAttempts.as("deploy.resume", PathId.DEPLOYMENT, ctx -> resume(ctx, false)));
        app.post("/deployments/{id}/resume-continue-on-error", RefusedAttempts.as("deploy.resume", PathId.DEPLOYMENT,
                ctx -> resume(ctx, true)));
        app.post("/deployments/{id}/rollback", RefusedAttempts.as("rollback.requested", PathId.DEPLOYMENT, this::rollback));
        app.post("/deployments/{id}/stop", RefusedAttempts.as("deploy.stop-requested", PathId.DEPLOYMENT, this::stop));
    }

    /** What "Retry failed", "Resume" or "Roll back" would do to the deployment's tenants, with the button that does it. */
    private void confirm(Context ctx, DeploymentAction action) {
        console.require(ctx, action.permission());
        DeploymentRecord deployment = require(ctx.pathParam("id"));
        List<TaskRecord> tasks = console.fleet().plane().deployments().tasks(deployment.id());
        List<TaskRecord> affected = action.affected(deployment, tasks);
        if (action.resumes()) {
            // As deploy --resume asks first: refused when a deployment started since has run tenants it would run.
            dev.flotilla.run.ResumeRefusal.requireNotSuperseded(console.fleet().plane(), deployment, tasks, false);
        }
        // Said before the button, as deploy --resume refuses before it asks: the tenants it would run again not tested, and
        // what to do next as this console does it.
        String notTested = action.resumes() || action == DeploymentAction.RETRY_FAILED
                ? console.actions().untested(Console.principal(ctx), deployment.id(), action == DeploymentAction.RETRY_FAILED,
                        action == DeploymentAction.RESUME_PAST_FAILURES)
                        .map(refusal -> ConsoleAdvice.text(refusal.advice().masked(console.fleet().plane()::scrub))).orElse(null)
                : null;
        console.page(ctx, "deployment_confirm.jte", action.title() + " " + deployment.id(), "deployments", "deployment", deployment,
                "action", action, "tasks", affected, "backup", console.fleet().deploy().backup() != null,
                "checks", console.fleet().deploy().verify() != null, "versions", console.fleet().versionSpellings(),
                "template", console.fleet().template(), "failedCanaries", dev.flotilla.run.ResumeRefusal.failedCanaries(deployment, tasks),
                "failedLeftOut", action == DeploymentAction.ROLLBACK ? failedLeftOut(tasks, affected) : List.of(),
                "notTested", notTested,
                "tenantMerge", action == DeploymentAction.ROLLBACK ? RollbackMergeWarning.of(console.fleet(), deployment.id())
                        : RollbackMergeWarning.NONE);
    }

    /** The failed tenants a rollback leaves as they are (a half-applied migration among them), named on its confirmation. */
    private static List<TaskRecord> failedLeftOut(List<TaskRecord> tasks, List<TaskRecord> affected) {
        return tasks.stream().filter(t -> t.status() == TaskStatus.FAILED
                && affected.stream().noneMatch(a -> a.tenant().equals(t.tenant()))).toList();
    }

    private void list(Context ctx) {
        var store = console.fleet().plane().deployments();
        Paging paging = Paging.of(ctx.queryParam("page"), PAGE_SIZE, store.count());
        console.page(ctx, "deployments.jte", "Deployments", "deployments", "deployments", store.page(paging.offset(), paging.size()),
                "paging", paging);
    }

    private void detail(Context ctx) {
        DeploymentRecord deployment = require(ctx.pathParam("id"));
        var continued = continued(console.fleet().plane(), deployment);
        List<TaskRecord> tasks = console.fleet().tasksOf(deployment);
        var session = console.sessions().find(Console.principal(ctx).session());
        List<String> notices = session.map(s -> s.takeFlashAll(NOTICES + deployment.id())).orElse(List.of());
        List<String> warnings = session.map(s -> s.takeFlashAll(WARNINGS + deployment.id())).orElse(List.of());
        console.page(ctx, "deployment.jte", "Deployment " + deployment.id(), "deployments",
                withFacts(progress(deployment, tasks, shownChecks(deployment.id()), console.fleet().versionSpellings()), deployment, tasks, "continued", continued,
                        "guardNotices", notices, "deployWarnings", warnings));
    }

    /** Reads the checks of a deployment's shown tenants when they may have changed (see {@link ShownChecks}). */
    private ShownChecks shownChecks(String deployment) {
        return new ShownChecks(tenants -> console.fleet().plane().verifications().checksAfterDeploy(deployment, tenants));
    }

    /**
     * The live progress as server-sent events, for a client that asks for them; any other request is told what this is
     * instead of an empty 200 (Javalin's own SSE route answers so).
     */
    private void stream(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        require(id);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new Console.Refusal(406, "Not acceptable", ErrorCode.BAD_USAGE,
                    "/deployments/" + id + "/events is the live progress of " + id
                    + " as server-sent events: ask with Accept: text/event-stream, or open /deployments/" + id
                    + " (GET /api/v1/deployments/" + id + " in JSON).");
        }
        // Javalin's SSE handler adds its own Cache-Control (no-cache) to the Guard's no-store: one header, not two.
        ctx.res().setHeader("Cache-Control", null);
        events.handle(ctx);
    }

    /**
     * A deployment's live page as its streams are sent it: the progress and the deployment's facts (versions applied,
     * backups kept...), each sent when it changed; at the end the final results with the final facts, which end them.
     */
    private LiveProgress.Feed feed(String id) {
        ShownChecks checks = shownChecks(id);
        VersionSpellings versions = console.fleet().versionSpellings(); // a deployment's files are those it started with
        return () -> {
            DeploymentRecord deployment = require(id);
            List<TaskRecord> tasks = console.fleet().tasksOf(deployment);
            Object[] progress = progress(deployment, tasks, checks, versions);
            if (deployment.status() != DeploymentStatus.RUNNING) {
                Object[] results = withFacts(progress, deployment, tasks);
                return new LiveProgress.Frame(true, viewer -> events("done", console.render(viewer, "deployment_live.jte", results)));
            }
            Object[] facts = withFacts(new Object[] {"deployment", deployment, "versions", versions}, deployment, tasks);
            return new LiveProgress.Frame(false, viewer -> events("progress", console.render(viewer, "deployment_progress.jte", progress),
                    "facts", console.render(viewer, "deployment_facts.jte", facts)));
        };
    }

    private static java.util.SequencedMap<String, String> events(String... namesAndHtml) {
        java.util.SequencedMap<String, String> events = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndHtml.length; i += 2) {
            events.put(namesAndHtml[i], namesAndHtml[i + 1]);
        }
        return events;
    }

    /** {@code parameters} with the deployment's facts as its page shows them, and {@code more} after them. */
    private Object[] withFacts(Object[] parameters, DeploymentRecord deployment, List<TaskRecord> tasks, Object... more) {
        List<Object> all = new java.util.ArrayList<>(java.util.Arrays.asList(parameters)); // rolledBackBy may be null
        all.addAll(List.of("facts", dev.flotilla.web.view.DeploymentFacts.of(console.fleet().plane(), deployment, tasks,
                changes.of(deployment, tasks))));
        all.addAll(java.util.Arrays.asList(more));
        return all.toArray();
    }

    private void retryFailed(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY);
        FleetActions.Started started = console.actions().retryFailed(Console.principal(ctx), ctx.pathParam("id"),
                DeployForm.timeouts(ctx), DeployForm.continuedSkips(console, ctx));
        Console.go(ctx, "/deployments/" + started.deployment());
    }

    /** Resumes as {@code deploy --resume}, with {@code continueOnError} as {@code --continue-on-error}. */
    private void resume(Context ctx, boolean continueOnError) {
        console.require(ctx, Role.Permission.DEPLOY);
        FleetActions.Started started = console.actions().resume(Console.principal(ctx), ctx.pathParam("id"), continueOnError,
                DeployForm.continuedSkips(console, ctx));
        Console.go(ctx, "/deployments/" + started.deployment());
    }

    private void rollback(Context ctx) {
        console.require(ctx, Role.Permission.ROLLBACK);
        FleetActions.Started started = console.actions().rollback(Console.principal(ctx), ctx.pathParam("id"));
        // What the guard said without refusing, on the page the press leads to, as its confirmation said it before.
        carry(console, ctx, NOTICES, started);
        Console.go(ctx, "/deployments/" + started.deployment());
    }

    /** Keeps what {@code started} says ({@link FleetActions.Started#notices}) for its deployment's next view (key + id). */
    static void carry(Console console, Context ctx, String key, FleetActions.Started started) {
        if (!started.notices().isEmpty()) {
            console.sessions().find(Console.principal(ctx).session())
                    .ifPresent(session -> session.flashAll(key + started.deployment(), started.notices()));
        }
    }

    /** Records the stop; the deployment's page then says it was asked for, and shows it end stopped. */
    private void stop(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY);
        DeploymentRecord stopping = console.actions().stop(Console.principal(ctx), ctx.pathParam("id"));
        Console.go(ctx, "/deployments/" + stopping.id());
    }

    private DeploymentRecord require(String id) {
        return console.fleet().plane().deployments().find(id)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE, "No deployment " + id + "."));
    }

    /**
     * Who took it up again after whoever started it, and when, as the engine audits it: not the console's requests (a
     * retry's is named alike, and a refused one too), which carry the client's address.
     */
    private static List<dev.flotilla.control.AuditLog.Entry> continued(dev.flotilla.control.ControlPlane plane,
                                                                      DeploymentRecord deployment) {
        String kind = deployment.rollback() ? "rollback" : "deploy";
        return plane.audit().ofDeployment(deployment.id(), List.of(kind + ".resumed", kind + ".retry-failed"))
                .stream().filter(e -> e.source() == null).toList();
    }

    /** The time {@code deployment} spent running, and since it started, as its page shows them and the API gives them. */
    static RunningTime timeOf(dev.flotilla.control.ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks) {
        boolean interrupted = deployment.status() == DeploymentStatus.INTERRUPTED;
        List<java.time.Instant> events = tasks.stream().flatMap(t -> java.util.stream.Stream.of(t.startedAt(), t.finishedAt()))
                .filter(java.util.Objects::nonNull).toList();
        // An interrupted deployment's time ends with the last thing its tasks recorded, not now: its process is gone.
        java.time.Instant end = deployment.finishedAt() != null ? deployment.finishedAt() : !interrupted ? java.time.Instant.now()
                : events.stream().max(Comparator.naturalOrder()).orElse(deployment.startedAt());
        // A resumed one ran from its start and from each resume, not in the pauses between (its process was gone).
        return RunningTime.of(deployment.startedAt(), end, continued(plane, deployment).stream()
                .map(dev.flotilla.control.AuditLog.Entry::at).toList(), events);
    }

    /**
     * The progress of the deployment's page, its shown tenants' checks read by {@code shownChecks}, its versions shown as
     * {@code versions} spell them.
     */
    private Object[] progress(DeploymentRecord deployment, List<TaskRecord> tasks, ShownChecks shownChecks,
                              VersionSpellings versions) {
        List<TaskRecord> shown = tasks.stream().sorted(Comparator.comparingInt(DeploymentRoutes::order)
                .thenComparingInt(TaskRecord::seq)).limit(TASKS_SHOWN).toList();
        boolean interrupted = deployment.status() == DeploymentStatus.INTERRUPTED;
        RunningTime time = timeOf(console.fleet().plane(), deployment, tasks);
        long running = interrupted ? 0 : tasks.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
        String rolledBackBy = console.fleet().plane().deployments().rollbackOf(deployment.id()).map(DeploymentRecord::id)
                .orElse(null);
        Map<TenantId, CheckTally> checks = shownChecks.of(tasks, shown);
        return new Object[] {"deployment", deployment, "tasks", shown, "taskCount", tasks.size(), "running", running,
                "time", time, "checks", checks, "rolledBackBy", rolledBackBy,
                "resumable", DeploymentAction.offersResume(deployment, tasks),
                "resumablePastFailures", DeploymentAction.offersResumePastFailures(deployment, tasks), "versions", versions};
    }

    private static int order(TaskRecord task) {
        return switch (task.status()) {
            case FAILED -> 0;
            case RUNNING, INTERRUPTED -> 1;
            case PENDING -> 2;
            case SKIPPED -> 3;
            case SUCCEEDED -> 4;
        };
    }
}
