package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import dev.flotilla.web.fleet.DeployChoice;
import dev.flotilla.web.fleet.FleetActions;
import dev.flotilla.web.fleet.MigrationFiles;
import dev.flotilla.web.fleet.TestsBeforeDeploy;
import dev.flotilla.web.wizard.WizardDraft;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The migration wizard of seed 000, step by step: 1 files, 2 tenants, 3 test (fleet dry run), 4 deploy (confirmation),
 * then the deployment's page for 5 live progress and 6 results (step 2 is {@link WizardTenantsStep}). The choices live in
 * the session's draft.
 */
final class WizardRoutes {
    private final Console console;

    WizardRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/wizard", ctx -> Console.go(ctx, "/wizard/files"));
        app.get("/wizard/files", this::files);
        app.post("/wizard/files", this::chooseFiles);
        new WizardTenantsStep(console, this).register(app);
        app.get("/wizard/test", this::test);
        app.post("/wizard/test", RefusedAttempts.as("dry-run.requested", RefusedAttempts.PathId.NONE, this::startTest));
        app.post("/wizard/test/again", RefusedAttempts.as("dry-run.requested", RefusedAttempts.PathId.NONE, this::testAgain));
        app.get("/wizard/test/{job}", this::testResult);
        app.post("/wizard/test/use", RefusedAttempts.as("dry-run.requested", RefusedAttempts.PathId.NONE,
                this::useCommandLineTest));
        app.get("/wizard/confirm", this::confirm);
        app.post("/wizard/deploy", RefusedAttempts.as("deploy.requested", RefusedAttempts.PathId.NONE, this::deploy));
    }

    private void files(Context ctx) {
        String lastDeployment = draft(ctx).startOverIfDeployed();
        console.page(ctx, "wizard_files.jte", "Migration wizard: files", "wizard", "listing", MigrationFiles.list(console.fleet()),
                "chosen", draft(ctx).versions(), "lastDeployment", lastDeployment, "unread", console.fleet().plane().tenants()
                .census().countBy(dev.flotilla.control.TenantCensus.Grouping.STATUS).getOrDefault(dev.flotilla.control.TenantRecord.NEVER_READ, 0));
    }

    private void chooseFiles(Context ctx) {
        List<String> versions = ctx.formParams("version");
        LoadedMigrations loaded = console.fleet().loadMigrations();
        MigrationFiles.upTo(loaded, versions);
        draft(ctx).choose(versions, loaded.migrations().stream()
                .filter(m -> m.version() != null && versions.contains(m.version().toString())).map(Migration::script).toList());
        Console.go(ctx, "/wizard/tenants");
    }

    private void test(Context ctx) {
        requireFiles(ctx);
        WizardDraft draft = draft(ctx);
        FleetJobs.Job<List<TenantDryRun>> job = console.actions().dryRuns().find(draft.dryRunJob()).orElse(null);
        console.page(ctx, "wizard_test.jte", "Migration wizard: test", "wizard", "draft", draft, "job", job,
                "commandLineTest", job == null ? CommandLineTests.newestOf(console, draft) : null, "mask", masking());
    }

    /**
     * Takes a dry run of the command line that tested exactly the draft's files and tenants as the draft's test: the
     * confirmation and the deploy are then gated on it as on one run here.
     */
    private void useCommandLineTest(Context ctx) {
        console.require(ctx, Role.Permission.DRY_RUN);
        WizardDraft draft = requireTenants(ctx);
        draft.dryRunJob(CommandLineTests.usable(console, draft, ctx.formParam("dryRun")).id());
        Console.go(ctx, "/wizard/test");
    }

    private void startTest(Context ctx) {
        console.fragment(ctx, "wizard_test_result.jte", "job", newTest(ctx), "mask", masking());
    }

    /**
     * The confirmation's "Test again", offered instead of deploying when the test no longer holds (a tenant changed since
     * it started): the same files on the same tenants, out of order as that test ran; the Test step then shows this run.
     */
    private void testAgain(Context ctx) {
        newTest(ctx);
        Console.go(ctx, "/wizard/test");
    }

    /** Starts the test (a fleet dry run) of the draft's files and tenants, as the draft's test from now on. */
    private FleetJobs.Job<List<TenantDryRun>> newTest(Context ctx) {
        console.require(ctx, Role.Permission.DRY_RUN);
        WizardDraft draft = requireTenants(ctx);
        boolean outOfOrder = "on".equals(ctx.formParam("outOfOrder"));
        if (outOfOrder) {
            console.require(ctx, Role.Permission.DEPLOY);
        }
        FleetJobs.Job<List<TenantDryRun>> job = console.actions().startDryRun(Console.principal(ctx), draft.versions(),
                draft.tenantsInOrder(), outOfOrder);
        draft.dryRunJob(job.id());
        return job;
    }

    private void testResult(Context ctx) {
        FleetJobs.Job<List<TenantDryRun>> job = console.actions().dryRuns().find(ctx.pathParam("job"))
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.NOT_TESTED,
                        "That test run is no longer kept; run the test again."));
        console.fragment(ctx, "wizard_test_result.jte", "job", job, "mask", masking());
    }

    /**
     * What the test step shows masked as the control plane masks what it keeps: its results are the dry run's own, in
     * memory, whose statements and errors hold the placeholders' values (a secret one's too) as they ran.
     */
    private java.util.function.UnaryOperator<String> masking() {
        return console.fleet().plane()::scrub;
    }

    private void confirm(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY);
        WizardDraft draft = requireTenants(ctx);
        // The folder read once for the whole page: the test's files, what may run, the files listed and the plan alike.
        dev.flotilla.migration.LoadedMigrations loaded = console.fleet().loadMigrations();
        FleetDryRunRecord test = tested(draft, loaded);
        // Every file the deploy may run: the chosen ones, the earlier ones a chosen tenant still lacks, and repeatables.
        java.util.Set<TenantId> chosen = draft.tenants();
        List<dev.flotilla.control.TenantRecord> tenants = console.fleet().plane().tenants().all().stream()
                .filter(t -> chosen.contains(t.tenant().id())).toList();
        java.util.Set<String> mayRun = MigrationFiles.mayRun(MigrationFiles.upTo(loaded, draft.versions()),
                draft.versions(), tenants);
        java.util.Map<TenantId, String> failed = test.failedTenants();
        // A tenant whose scratch copy could not be made was not tested: left out too, but not said to fail again.
        java.util.Map<TenantId, String> untested = test.untestedTenants();
        // Planned as the deploy will plan: what `flotilla plan` notices of its targets; as `flotilla deploy` warns before
        // it asks, the tenants it would migrate without a passing dry run; and those changed since the test started, for
        // which the deploy naming it will be refused (ChangedSinceDryRun).
        List<dev.flotilla.plan.TenantPlan> plans = TestsBeforeDeploy.plan(console.fleet(), console.actions(),
                Console.principal(ctx).user(), loaded, draft.versions(),
                draft.tenantsInOrder().stream().filter(t -> !failed.containsKey(t)).toList(), ranOutOfOrder(test));
        TestsBeforeDeploy.Found before = TestsBeforeDeploy.of(console.fleet(), plans, loaded, draft.versions(),
                ranOutOfOrder(test), test);
        console.fragment(ctx, "wizard_confirm.jte", "draft", draft, "untested", untested, "tests", before.tests(),
                "changedSinceTest", before.changedSinceTest(), "testStarted", test.started(),
                "notices", PlanNotice.of(plans, masking()),
                "requireTested", console.fleet().requireTested(),
                "backup", console.fleet().deploy().backup() != null, "checks", console.fleet().deploy().verify() != null,
                "tenantHooks", DeployForm.tenantHooks(console.fleet()),
                "listing", MigrationFiles.list(console.fleet(), loaded), "mayRun", mayRun, "failed", failed,
                "passed", draft.selectedCount() - failed.size(), "template", console.fleet().template(),
                "concurrency", console.fleet().deploy().concurrency(), "perServer", console.fleet().deploy().perServer(),
                "outOfOrder", ranOutOfOrder(test), "tested", test.id(),
                "halfApplied", dev.flotilla.web.wizard.HalfAppliedRisk.productsOf(console.fleet().tenancy(), tenants.stream()
                        .filter(t -> failed.containsKey(t.tenant().id()) && !untested.containsKey(t.tenant().id()))
                        .map(t -> t.tenant()).toList()));
    }

    /**
     * Deploys to the chosen tenants whose test passed; to those whose test failed too only when a super admin ticked
     * the override ({@code override=on}); without the backup or the tenant hooks as its boxes say ({@link DeployForm}).
     */
    private void deploy(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY);
        WizardDraft draft = requireTenants(ctx);
        RefusedAttempts.asked(ctx, draft.versions(), draft.tenantsInOrder());
        // The folder read once for the whole deploy: the test's files, the gate's and what the deploy plans and runs.
        LoadedMigrations loaded = console.fleet().loadMigrations();
        FleetDryRunRecord test = tested(draft, loaded);
        // Checked before the test is used up: a mistyped timeout is corrected and sent again.
        var timeouts = DeployForm.timeouts(ctx);
        dev.flotilla.web.fleet.DeploySkips skips = DeployForm.skips(console, ctx); // --skip-backup, --no-maintenance
        dev.flotilla.web.fleet.DeployWaves waves = DeployForm.waves(ctx); // --concurrency, --per-server, --canary, --canary-percent
        // Out of order as the test ran, as the control plane recorded it with the test (which a deploy uses up): the
        // form has no say in it, so the gate cannot find the choice differing.
        boolean outOfOrder = ranOutOfOrder(test);
        TestGate gate = new TestGate(console);
        TestGate.Admitted admitted = gate.admit(ctx, test,
                MigrationFiles.upTo(loaded, draft.versions()), draft.tenantsInOrder(), outOfOrder,
                TestGate.IfFailed.LEAVE_OUT, "on".equals(ctx.formParam("override")));
        if (!draft.takeTest(test.id())) { // a test is good for one deploy: back and "Yes, deploy" again asks for a new one
            throw new Console.Refusal(409, "Test again", ErrorCode.NOT_TESTED, "This test was used for a deploy"
                    + " already (a second click?). Run the test (step 3) again: a test is good for one deploy.");
        }
        Principal who = Console.principal(ctx);
        FleetActions.Started started = console.actions().deploy(who, DeployChoice.untested(draft.versions(),
                draft.tenantsInOrder(), outOfOrder, timeouts).skipping(skips).paced(waves).after(test, admitted.deploy(), admitted.note(test)), loaded);
        gate.recordOverride(ctx, test, admitted, started);
        draft.deployed(started.deployment());
        if (started.deployment() == null) {
            // Not refused: the deploy was asked for and found nothing to do, as its deploy.requested entry says.
            throw new Console.Refusal(409, "Nothing to deploy", ErrorCode.NOTHING_TO_DEPLOY, "All " + started.upToDate()
                    + " chosen tenant(s) are already up to date.", true);
        }
        // What it warns of its canaries, as the command line and the API's "warnings" do, on the page it leads to.
        DeploymentRoutes.carry(console, ctx, DeploymentRoutes.WARNINGS, started);
        Console.go(ctx, "/deployments/" + started.deployment());
    }

    /**
     * The draft's finished test run: deploying is offered only after testing exactly this choice, of files as they
     * are now (one edited since, or a tenant chosen while the test started, asks for a new test).
     */
    private FleetDryRunRecord tested(WizardDraft draft, dev.flotilla.migration.LoadedMigrations loaded) {
        FleetDryRunRecord test = console.actions().tested(draft.dryRunJob()).orElse(null);
        if (test == null || !test.done()) {
            throw new Console.Refusal(409, "Test first", ErrorCode.NOT_TESTED,
                    "Run the test (step 3) for these files and tenants before deploying.");
        }
        String changed = test.differsFrom(draft.versions(), MigrationFiles.upTo(loaded, draft.versions()), draft.tenants());
        if (changed != null) {
            throw new Console.Refusal(409, "Test again", ErrorCode.NOT_TESTED, changed + " Run the test (step 3)"
                    + " again: the wizard deploys only what it tested.");
        }
        return test;
    }

    /** Whether the test ran out-of-order migrations too: the wizard's deploy after it applies them too, and only then. */
    private static boolean ranOutOfOrder(FleetDryRunRecord test) {
        return Boolean.TRUE.equals(test.outOfOrder());
    }

    /** A tenant removed since it was chosen leaves the selection, rather than failing the test or the deploy. */
    void forgetRemovedTenants(Context ctx) {
        draft(ctx).keepOnly(new java.util.HashSet<>(console.fleet().plane().tenants().ids(null, null)));
    }

    private WizardDraft requireTenants(Context ctx) {
        forgetRemovedTenants(ctx);
        WizardDraft draft = requireFiles(ctx);
        if (draft.selectedCount() == 0) {
            throw new Console.Refusal(400, "No tenants", ErrorCode.BAD_USAGE, "Choose tenants first (step 2).");
        }
        return draft;
    }

    WizardDraft requireFiles(Context ctx) {
        WizardDraft draft = draft(ctx);
        if (draft.versions().isEmpty()) {
            throw new Console.Refusal(400, "No files", ErrorCode.BAD_USAGE, "Choose the migration files first (step 1).");
        }
        return draft;
    }

    WizardDraft draft(Context ctx) {
        Principal who = Console.principal(ctx);
        if (who.session() == null) {
            throw new Console.Refusal(400, "No session", ErrorCode.BAD_USAGE,
                    "The wizard needs a signed-in browser session; use the REST API with a token.");
        }
        return console.sessions().find(who.session()).orElseThrow().draft();
    }
}
