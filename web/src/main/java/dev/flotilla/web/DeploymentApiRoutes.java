package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.RefusedAttempts.PathId;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.DeployChoice;
import dev.flotilla.web.fleet.DeploySkips;
import dev.flotilla.web.fleet.DeployTimeouts;
import dev.flotilla.web.fleet.DeployWaves;
import dev.flotilla.web.fleet.FleetActions;
import dev.flotilla.web.fleet.FleetJobs;
import dev.flotilla.web.fleet.MigrationFiles;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's dry runs and deployments: a dry run started and read, a deployment started (after a dry run, only where it
 * passed), listed, read, and its failed tenants retried, resumed, stopped or rolled back, as the wizard and the
 * deployment's page do them.
 */
final class DeploymentApiRoutes {
    private final Console console;

    DeploymentApiRoutes(Console console) {
        this.console = console;
    }

    /**
     * The body of a dry-run or deployment request: versions, and tenants by id, by group or all; {@code outOfOrder} as
     * {@code --out-of-order} (for a role that may deploy).
     */
    record FleetRequest(List<String> versions, List<String> tenants, String group, boolean all, boolean outOfOrder) {
    }

    /**
     * The body of a deployment request: a fleet request, and optionally the dry run that tested it ({@code dryRun}):
     * then only tenants it tested and passed are deployed to, unless a super admin sets {@code overrideFailedTest};
     * {@code skipBackup}, {@code noMaintenance} and {@code skipChecks} as {@code --skip-backup}, {@code --no-maintenance}
     * and {@code --skip-checks};
     * {@code concurrency}, {@code perServer}, {@code canary} and {@code canaryPercent} as {@code --concurrency},
     * {@code --per-server}, {@code --canary} and {@code --canary-percent}.
     */
    record DeployRequest(List<String> versions, List<String> tenants, String group, boolean all, String dryRun,
                         boolean overrideFailedTest, boolean outOfOrder, String lockTimeout, String statementTimeout,
                         boolean skipBackup, boolean noMaintenance, Integer concurrency, List<String> canary,
                         Integer canaryPercent, boolean skipChecks, Integer perServer) {
        FleetRequest fleet() {
            return new FleetRequest(versions, tenants, group, all, outOfOrder);
        }

        /** {@code lockTimeout} and {@code statementTimeout} as --lock-timeout and --statement-timeout take them. */
        DeployTimeouts timeouts() {
            return DeployTimeouts.parse(lockTimeout, "\"lockTimeout\"", statementTimeout, "\"statementTimeout\"");
        }

        /** {@code concurrency}, {@code perServer}, {@code canary} and {@code canaryPercent}, refused as the command line refuses its flags. */
        DeployWaves waves() {
            return DeployWaves.of(concurrency, perServer, canary, canaryPercent, "\"concurrency\"", "\"perServer\"",
                    "\"canary\"", "\"canaryPercent\"");
        }
    }

    /**
     * The optional body of a retry of a deployment's failed tenants: its timeouts, as a deployment request's, and
     * {@code skipBackup} and {@code skipChecks} as {@code --retry-failed ID --skip-backup --skip-checks}.
     */
    record RetryRequest(String lockTimeout, String statementTimeout, boolean skipBackup, boolean skipChecks) {
        DeployTimeouts timeouts() {
            return DeployTimeouts.parse(lockTimeout, "\"lockTimeout\"", statementTimeout, "\"statementTimeout\"");
        }
    }

    /**
     * The optional body of a resume: {@code continueOnError} as {@code deploy --resume ID --continue-on-error},
     * {@code skipBackup} and {@code skipChecks} as {@code --skip-backup} and {@code --skip-checks}.
     */
    record ResumeRequest(boolean continueOnError, boolean skipBackup, boolean skipChecks) {
    }

    void register(Javalin app) {
        app.post("/api/v1/dry-runs", RefusedAttempts.as("dry-run.requested", PathId.NONE, this::startDryRun));
        app.get("/api/v1/dry-runs/{id}", this::dryRun);
        app.get("/api/v1/deployments", this::deployments);
        app.post("/api/v1/deployments", RefusedAttempts.as("deploy.requested", PathId.NONE, this::deploy));
        app.get("/api/v1/deployments/{id}", this::deployment);
        app.post("/api/v1/deployments/{id}/retry-failed", RefusedAttempts.as("deploy.retry-failed", PathId.DEPLOYMENT, ctx -> {
            console.require(ctx, Role.Permission.DEPLOY);
            RetryRequest request = ctx.body().isBlank() ? new RetryRequest(null, null, false, false)
                    : ApiRoutes.body(ctx, RetryRequest.class);
            DeployTimeouts timeouts = request.timeouts();
            DeploySkips skips = DeployForm.allowed(console, ctx, new DeploySkips(request.skipBackup(), false,
                    request.skipChecks()));
            started(ctx, console.actions().retryFailed(who(ctx), ctx.pathParam("id"), timeouts, skips));
        }));
        app.post("/api/v1/deployments/{id}/resume", RefusedAttempts.as("deploy.resume", PathId.DEPLOYMENT, ctx -> {
            console.require(ctx, Role.Permission.DEPLOY);
            ResumeRequest request = ctx.body().isBlank() ? new ResumeRequest(false, false, false)
                    : ApiRoutes.body(ctx, ResumeRequest.class);
            DeploySkips skips = DeployForm.allowed(console, ctx, new DeploySkips(request.skipBackup(), false,
                    request.skipChecks()));
            started(ctx, console.actions().resume(who(ctx), ctx.pathParam("id"), request.continueOnError(), skips));
        }));
        app.post("/api/v1/deployments/{id}/stop", RefusedAttempts.as("deploy.stop-requested", PathId.DEPLOYMENT, ctx -> {
            console.require(ctx, Role.Permission.DEPLOY);
            DeploymentRecord stopping = console.actions().stop(who(ctx), ctx.pathParam("id"));
            ctx.status(202).header("Location", "/api/v1/deployments/" + stopping.id()).json(Map.of("deployment", stopping));
        }));
        app.post("/api/v1/deployments/{id}/rollback", RefusedAttempts.as("rollback.requested", PathId.DEPLOYMENT, ctx -> {
            console.require(ctx, Role.Permission.ROLLBACK);
            FleetActions.Started started = console.actions().rollback(who(ctx), ctx.pathParam("id"));
            // What the guard of a shared schema says without refusing (a tenant filter the down files take away), as
            // the confirmation page and the command line say it.
            started(ctx, started, Map.of("notices", started.notices()));
        }));
    }

    private void startDryRun(Context ctx) {
        console.require(ctx, Role.Permission.DRY_RUN);
        FleetRequest request = ApiRoutes.body(ctx, FleetRequest.class);
        if (request.outOfOrder()) {
            console.require(ctx, Role.Permission.DEPLOY);
        }
        List<String> versions = versions(request);
        List<TenantId> tenants = selection(request);
        RefusedAttempts.asked(ctx, versions, tenants);
        FleetJobs.Job<List<TenantDryRun>> job = console.actions().startDryRun(who(ctx), versions, tenants, request.outOfOrder());
        ctx.status(202).header("Location", "/api/v1/dry-runs/" + job.id()).json(DryRunJson.of(job));
    }

    /** A dry run this console keeps, with every tenant's details; an older one as the control plane recorded it. */
    private void dryRun(Context ctx) {
        String id = ctx.pathParam("id");
        var kept = console.actions().dryRuns().find(id);
        if (kept.isPresent()) {
            ctx.json(DryRunJson.of(kept.get()));
            return;
        }
        ctx.json(DryRunJson.of(console.actions().tested(id).orElseThrow(() -> new Console.Refusal(404, "Not found",
                ErrorCode.BAD_USAGE,
                "No dry run " + id + " is recorded (or it was pruned: the control plane keeps the newest ones)."))));
    }

    /** Deploys; after the dry run named by {@code dryRun}, only where it passed (see {@link TestGate}). */
    private void deploy(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY);
        DeployRequest request = ApiRoutes.body(ctx, DeployRequest.class);
        DeployTimeouts timeouts = request.timeouts();
        DeploySkips skips = DeployForm.allowed(console, ctx, new DeploySkips(request.skipBackup(), request.noMaintenance(),
                request.skipChecks()));
        DeployWaves waves = request.waves();
        List<String> versions = versions(request.fleet());
        List<TenantId> tenants = selection(request.fleet());
        RefusedAttempts.asked(ctx, versions, tenants);
        if (request.dryRun() == null) {
            if (request.overrideFailedTest()) {
                throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                        "\"overrideFailedTest\" overrides a dry run's failures: name the dry run"
                        + " with \"dryRun\": id, or leave both out.");
            }
            started(ctx, console.actions().deploy(who(ctx), DeployChoice.untested(versions, tenants, request.outOfOrder(),
                    timeouts).skipping(skips).paced(waves), console.fleet().loadMigrations()), outOfOrderAnswer(request.outOfOrder(), null));
            return;
        }
        FleetDryRunRecord test = console.actions().tested(request.dryRun()).orElseThrow(() -> new Console.Refusal(409,
                "Not tested", ErrorCode.NOT_TESTED, "No dry run " + request.dryRun() + " is kept in the control plane: start one with POST"
                + " /api/v1/dry-runs and name it when it has finished."));
        TestGate gate = new TestGate(console);
        dev.flotilla.migration.LoadedMigrations all = console.fleet().loadMigrations(); // once for the gate and the deploy
        TestGate.Admitted admitted = gate.admit(ctx, test, MigrationFiles.upTo(all, versions), tenants, request.outOfOrder(),
                TestGate.IfFailed.REFUSE, request.overrideFailedTest());
        FleetActions.Started started = console.actions().deploy(who(ctx), DeployChoice.untested(versions, tenants,
                request.outOfOrder(), timeouts).skipping(skips).paced(waves).after(test, admitted.deploy(), admitted.note(test)), all);
        gate.recordOverride(ctx, test, admitted, started);
        started(ctx, started, outOfOrderAnswer(request.outOfOrder(), test));
    }

    /**
     * A deploy's out-of-order choice as its answer says it: after a dry run ({@code test}), that run's too (null for one
     * recorded before it was kept), which the gate let through as the same.
     */
    private static Map<String, Object> outOfOrderAnswer(boolean outOfOrder, FleetDryRunRecord test) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outOfOrder", outOfOrder);
        if (test != null) {
            json.put("dryRunOutOfOrder", test.outOfOrder());
        }
        return json;
    }

    private void started(Context ctx, FleetActions.Started started) {
        started(ctx, started, Map.of());
    }

    private void started(Context ctx, FleetActions.Started started, Map<String, Object> more) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deployment", started.deployment());
        json.put("total", started.tenants());
        json.put("upToDate", started.upToDate());
        if (!started.notices().isEmpty() && !more.containsKey("notices")) {
            json.put("warnings", started.notices()); // what the command line warns of its canaries
        }
        json.putAll(more);
        if (started.deployment() != null) {
            ctx.header("Location", "/api/v1/deployments/" + started.deployment());
        }
        ctx.status(started.deployment() == null ? 200 : 202).json(json);
    }

    private void deployments(Context ctx) {
        int offset = ApiRoutes.offset(ctx);
        int limit = ApiRoutes.limit(ctx, 50);
        var store = console.fleet().plane().deployments();
        ctx.json(Map.of("total", store.count(), "deployments", store.page(offset, limit)));
    }

    private void deployment(Context ctx) {
        DeploymentRecord record = console.fleet().plane().deployments().find(ctx.pathParam("id"))
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                        "No deployment " + ctx.pathParam("id") + "."));
        Map<String, Object> json = new LinkedHashMap<>();
        List<dev.flotilla.control.TaskRecord> tasks = console.fleet().tasksOf(record);
        json.put("deployment", record);
        // The time it spent running (a resumed one's pauses, its process gone, left out), beside its startedAt/finishedAt.
        json.put("runningMs", DeploymentRoutes.timeOf(console.fleet().plane(), record, tasks).running());
        json.put("tasks", ApiJson.tasks(tasks, console.fleet().plane().verifications().checksAfterDeploy(record.id(),
                tasks.stream().map(dev.flotilla.control.TaskRecord::tenant).toList()), record.rollback()));
        ctx.json(json);
    }

    private List<String> versions(FleetRequest request) {
        if (request.versions() == null || request.versions().isEmpty()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Give \"versions\": the migration versions to deploy, e.g. [\"3\"].");
        }
        return request.versions().stream().distinct().toList();
    }

    private List<TenantId> selection(FleetRequest request) {
        return new TenantSelection(request.tenants(), request.group(), request.all()).resolve(console.fleet().plane().tenants());
    }

    private static Principal who(Context ctx) {
        return Console.principal(ctx);
    }
}
