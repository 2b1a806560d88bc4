package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FilesRefusal;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.Hooks;
import dev.flotilla.run.NotTestedRefusal;
import dev.flotilla.run.ResumeRefusal;
import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", header = "Apply the pending migrations to the selected tenants.",
        description = "Apply the pending migrations to the selected tenants: canary first, in parallel,"
        + " durable, resumable. The first line of output names the deployment.")
final class DeployCommand extends FleetCommand {
    static final String NOUN = "Deployment";

    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    @Option(names = "--canary", split = ",", paramLabel = "ID", description = "Tenants migrated first; the rest only if they all succeed.")
    List<String> canary = List.of();

    @Option(names = "--canary-percent", paramLabel = "P", description = "Instead of --canary: this share of the tenants first.")
    int canaryPercent;

    @Option(names = "--continue-on-error", description = "Keep starting tenants after one fails (default: stop starting new ones).")
    boolean continueOnError;

    @Option(names = "--retries", paramLabel = "N", description = "Extra attempts after a transient failure: connection refused, deadlock, lock timeout (default: deploy.retries, 2).")
    Integer retries;

    @Option(names = "--lock-timeout", converter = DurationConverter.class, description = "Per-statement lock timeout (default: deploy.lockTimeout).")
    Duration lockTimeout;

    @Option(names = "--statement-timeout", converter = DurationConverter.class, description = "Per-statement time limit"
            + " (default: deploy.statementTimeout, 10m); with --retry-failed, for a statement that ran out of time.")
    Duration statementTimeout;

    @Option(names = "--lock-wait", converter = DurationConverter.class, description = "How long to wait for a tenant another"
            + " Flotilla run holds (default: deploy.lockWait).")
    Duration lockWait;

    @Option(names = "--resume", paramLabel = "DEPLOYMENT", description = "Continue a deployment that did not finish (interrupted, stopped, or failed with tenants skipped): its pending, interrupted and skipped tenants.")
    String resume;

    @Option(names = "--retry-failed", paramLabel = "DEPLOYMENT", description = "Run a deployment's failed tenants again.")
    String retryFailed;

    @Option(names = "--out-of-order", description = "Apply pending migrations older than a tenant's latest applied one"
            + " (a file merged late); recorded with the deployment, so --resume and --retry-failed do too.")
    boolean outOfOrder;

    @Option(names = "--to", paramLabel = "VERSION", description = "Apply the pending migrations up to this version only (and"
            + " the repeatables), a version or a file's name, as migrate --to and the console's deploy of chosen versions do;"
            + " recorded with the deployment, so --resume and --retry-failed go no further.")
    String to;

    @Option(names = "--require-tested", description = "Deploy only where each tenant's newest dry run passed for exactly"
            + " the migrations this deploy applies, since its last deployment or rollback (as deploy.requireTested: true);"
            + " with --resume or --retry-failed, each tenant they would run again.")
    boolean requireTested;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
    boolean yes;

    @Option(names = "--skip-backup", description = "Do not back up the tenants before deploying (needs --yes or a confirmation; audited).")
    boolean skipBackup;

    @Option(names = "--skip-checks", description = "Do not run the verification checks after each tenant's migrations.")
    boolean skipChecks;

    @Option(names = "--no-maintenance", description = "Do not run the beforeTenant/afterTenant hooks (recorded with the"
            + " deployment: --resume and --retry-failed run without them too).")
    boolean noMaintenance;

    DeployCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "deploy";
    }

    @Override
    String refusedAction() {
        return resume != null ? "deploy.resume" : retryFailed != null ? "deploy.retry-failed" : "deploy.requested";
    }

    @Override
    String refusedDeployment() {
        return resume != null ? resume : retryFailed;
    }

    @Override
    Set<String> settingsGivenByFlags() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("deploy.retries", retries);
        flags.put("deploy.lockTimeout", lockTimeout);
        flags.put("deploy.statementTimeout", statementTimeout);
        flags.put("deploy.lockWait", lockWait);
        flags.put("deploy.requireTested", requireTested ? Boolean.TRUE : null);
        return given(flags);
    }

    @Override
    ConcurrencyOptions concurrencyOptions() {
        return limits;
    }

    @Override
    int execute() {
        String continuing = resume != null ? resume : retryFailed;
        if (resume != null && retryFailed != null || continuing != null && selection.given()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--resume and --retry-failed take the tenants of the"
                    + " deployment they name: give one of them, without --tenants, --group or --all.");
        }
        if (continuing != null && to != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--to is recorded with the deployment --resume and"
                    + " --retry-failed continue, which goes no further than it went: give --to to a new deploy only.");
        }
        LoadedMigrations all = loadMigrations();
        KilledDryRuns.end(output, plane());
        if (continuing != null) {
            try {
                return new ContinuedDeploy(this, continuing, retryFailed != null).run(all);
            } catch (FilesRefusal refusal) {
                return refused(refusal.findings(), refusal.blocked());
            } catch (NotTestedRefusal refusal) {
                return DeployTests.refused(output, plane(), actor(), refusedAction(), continuing, name(), refusal);
            }
        }
        return new NewDeploy(this, all).run();
    }

    /**
     * @param noun what runs: "Deployment", or "Rollback" when continuing one
     * @param note a line said after the first (a resume's options), or null
     * @param withoutBackup how many tenants --skip-backup deploys without the backup deploy.backup asks for; 0 if none
     * @param signals what SIGINT and SIGTERM do while the deployment runs
     */
    FleetRunner runner(LoadedMigrations migrations, FleetOptions options, String noun, String verb, String note,
                       int withoutBackup, StopOnSignal signals) {
        TargetOptions template = template(policy()).withLockTimeout(lockTimeout);
        template = statementTimeout == null ? template : template.withStatementTimeout(statementTimeout);
        FleetListener progress = new DeployProgress(output, OutputOptions.terminal(), noun, verb, note, migrations::label);
        // A resume or retry is checked as a new deploy is (the new deploy's tenants were checked above, once planned).
        return new FleetRunner(plane(), lockWait == null ? template : template.withLockWait(lockWait), migrations, options,
                signals.listening(withoutBackup == 0 ? progress : auditingSkippedBackup(progress, withoutBackup)))
                .requiringTests(DeployTests.requiredBy(requireTested, config().deploy().requireTested()));
    }

    /** Records the skipped backup once the deployment exists, with its id: whoever reads the deployment's entries sees it. */
    private FleetListener auditingSkippedBackup(FleetListener progress, int tenants) {
        return new OnDeploymentStarted(progress, deployment -> plane().audit().record(actor(), "deploy.backup-skipped", null,
                deployment, tenants + " tenant(s) selected to deploy without a backup (--skip-backup)", "ok", null));
    }

    int finish(DeployResult result, Map<String, Object> extra, String noun) {
        return finish(result, extra, noun, 0, List.of());
    }

    /**
     * As above; {@code failedBefore} tasks of the result failed in an earlier run and were not run again (a resume's);
     * {@code before}, the deployment's tasks as earlier runs left them, whose schema changes are not counted again.
     */
    int finish(DeployResult result, Map<String, Object> extra, String noun, long failedBefore, List<TaskRecord> before) {
        List<TaskRecord> tasks = plane().deployments().tasks(result.deployment());
        DeploymentRecord record = plane().deployments().require(result.deployment());
        List<TenantId> failedCanaries = ResumeRefusal.failedCanaries(record, tasks);
        DeploySummary.print(output, result, noun, failedCanaries, failedBefore);
        DeploySummary.printChanges(output, result, tasks, before, false);
        int backups = DeploySummary.printBackups(output, plane(), record, tasks, config().backup().dir());
        Map<String, Object> data = DeployData.json(result, failedCanaries,
                tasks.stream().collect(Collectors.toMap(TaskRecord::tenant, t -> t, (a, b) -> a)),
                noun.equals("Rollback"));
        data.put("backups", backups);
        data.putAll(extra);
        return output.finish(name(), data, DeployData.errors(result, noun, output.json()));
    }

    /**
     * A deploy (or a resume, a retry) refused before it starts, as the plan found applied files edited or gone (or files
     * out of order) on {@code blocked} of its tenants: no deployment is recorded and no tenant is touched. One error per
     * file, naming its tenants. Audited (outcome denied) as the console audits the same refusal: who tried what, and why.
     */
    int refused(List<Problem> invalid, int blocked) {
        plane().audit().record(actor(), refusedAction(), null, refusedDeployment(),
                invalid.stream().map(Problem::message).collect(Collectors.joining(" ")), "denied", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", null);
        data.put("total", 0);
        data.put("blocked", blocked);
        // Each finding names the repair, or the resume or retry refused, for the tenants it blocks: as commands too.
        return output.finish(name(), data, invalid.stream()
                .map(p -> Errors.withCommands(Errors.of(p), p.advice().commands())).toList());
    }

    /** @param sharing what the deployment also migrates for the tenants sharing a selected one's target (shared-schema) */
    void confirm(int tenants, List<TenantPlan> plans, List<String> sharing) {
        if (yes) {
            return;
        }
        String pending = plans.stream().flatMap(p -> p.pending().stream()).distinct().collect(Collectors.joining(", "));
        String question = "Deploy " + (pending.isEmpty() ? "to" : pending + " to") + " " + tenants + " tenant(s)"
                + (sharing.isEmpty() ? "" : " (" + String.join("; ", sharing) + ")")
                + (skipBackup && config().deploy().backup() ? " WITHOUT taking a backup first" : "") + "?";
        Confirmation.ask(output, question, "deploy would change " + tenants + " tenant(s) and there is no terminal to"
                + " confirm on: pass --yes.", "nothing was deployed");
    }

    /** Strict, but for out-of-order migrations with --out-of-order. */
    ValidationPolicy policy() {
        return ValidationPolicy.STRICT.withOutOfOrder(outOfOrder);
    }

    /** The options from config and flags; canaries already up to date have nothing to prove and are left out. */
    FleetOptions options(Set<TenantId> upToDate) {
        FlotillaConfig.DeployConfig deploy = config().deploy();
        FlotillaConfig.HooksConfig hooks = config().hooks();
        Hooks configured = new Hooks(hooks.beforeDeployment(), hooks.afterDeployment(), hooks.beforeTenant(),
                hooks.afterTenant());
        Hooks fleetHooks = noMaintenance ? configured.withoutMaintenance() : configured;
        List<TenantId> canaries = canary.stream().map(String::trim).map(TenantId::of).toList();
        canaries.stream().filter(upToDate::contains).forEach(id -> output.warn("canary " + id
                + " is already up to date; the other tenants do not wait for it."));
        return new FleetOptions(context().concurrency(), context().perServer(), canaries.stream().filter(id -> !upToDate.contains(id)).toList(),
                canaryPercent, continueOnError, retries != null ? retries : deploy.retries(), deploy.retryBackoff(),
                fleetHooks, actor(), skipChecks ? null : context().verifyOptions(), backupPolicy());
    }

    /** Backups before each tenant, unless deploy.backup is off or --skip-backup was given. */
    private BackupPolicy backupPolicy() {
        FlotillaConfig.BackupConfig backup = config().backup();
        return config().deploy().backup() && !skipBackup ? new BackupPolicy(backup.dir(), backup.keep()) : null;
    }
}
