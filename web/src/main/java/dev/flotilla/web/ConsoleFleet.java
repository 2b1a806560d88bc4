package dev.flotilla.web;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.migration.VersionSpellings;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.HistoryRetries;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import java.util.List;
import java.util.Objects;

/**
 * The fleet the console works on, as the command line configured it: the control plane, how to reach tenants,
 * the options every target run starts from (migrations folder, placeholders, timeouts), the deploy options
 * (concurrency, retries, checks, backups) and the dry-run options. The actor in them is replaced by the
 * signed-in user for every action.
 */
public record ConsoleFleet(ControlPlane plane, Tenancy tenancy, TargetOptions template, FleetOptions deploy,
                           DryRunOptions dryRun, HistoryRetries historyRetries, boolean requireTested) {
    public ConsoleFleet {
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(tenancy, "tenancy");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(dryRun, "dryRun");
        Objects.requireNonNull(historyRetries, "historyRetries");
    }

    /** A fleet deploying without requiring a passing test of each tenant first (deploy.requireTested off). */
    public ConsoleFleet(ControlPlane plane, Tenancy tenancy, TargetOptions template, FleetOptions deploy, DryRunOptions dryRun,
                        HistoryRetries historyRetries) {
        this(plane, tenancy, template, deploy, dryRun, historyRetries, false);
    }

    /** A fleet whose interrupted tasks' unreachable targets are tried again a minute after the last try, not at every look. */
    public ConsoleFleet(ControlPlane plane, Tenancy tenancy, TargetOptions template, FleetOptions deploy, DryRunOptions dryRun) {
        this(plane, tenancy, template, deploy, dryRun, HistoryRetries.forConsole());
    }

    /**
     * This fleet with deploy.requireTested: a deploy of the wizard or the API goes ahead only where each tenant's newest
     * dry run passed for exactly the migrations it applies, since the tenant last changed (see {@link
     * dev.flotilla.run.TestedPlans}).
     */
    public ConsoleFleet requiringTests(boolean requireTested) {
        return new ConsoleFleet(plane, tenancy, template, deploy, dryRun, historyRetries, requireTested);
    }

    /**
     * {@code text} with the tenancy's password and the secrets its URLs write masked, wherever they stand (a tenant with
     * its own login, a hook, a statement may quote the tenancy's bare), with the values of the placeholders holding a
     * secret ({@link TargetOptions#secretPlaceholderValues}), with passwords written as keywords: what the
     * command line masks in what it prints and keeps. A password that is the user's name is left, as a target leaves it.
     */
    public String scrub(String text) {
        String masked = text;
        for (String url : new String[] {tenancy.url(), tenancy.urlTemplate()}) {
            for (String secret : dev.flotilla.sql.JdbcUrls.secretsIn(url)) {
                masked = dev.flotilla.target.Secret.of(secret).scrub(masked);
            }
        }
        dev.flotilla.target.Secret password = tenancy.password();
        if (password != null && !password.is(tenancy.user())) {
            masked = password.scrub(masked);
        }
        for (dev.flotilla.target.Secret placeholder : template.secretPlaceholderValues()) {
            masked = placeholder.scrub(masked);
        }
        return dev.flotilla.sql.JdbcUrls.redact(masked);
    }

    /** How many times the consoles of this JVM read their migrations folder: a test counts one request's reads. */
    private static final java.util.concurrent.atomic.AtomicLong FOLDER_READS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The migration files as they are on disk now (read again for every request: they change between deploys; a
     * request reads them once and hands them on).
     */
    public LoadedMigrations loadMigrations() {
        FOLDER_READS.incrementAndGet();
        return new MigrationLoader(template.placeholders().keySet()).load(template.folders());
    }

    /**
     * How the files on disk now write their versions, for a page to show each version so: from the files' names, none
     * read (see {@link VersionSpellings#listed} for a folder that cannot be listed).
     */
    public VersionSpellings versionSpellings() {
        return VersionSpellings.listed(template.folders());
    }

    /**
     * A deployment's tasks as its page and the API show them: a task whose process died mid-task with what its
     * target's history says it did (read once, then recorded; see {@link dev.flotilla.run.InterruptedTasks}). A target
     * that could not be read is not tried again before {@code historyRetries}' back-off: a page shown again does not
     * wait for it each time. Tenants' password files are read afresh, as for {@link #targets}.
     */
    public List<dev.flotilla.control.TaskRecord> tasksOf(dev.flotilla.control.DeploymentRecord deployment) {
        return new dev.flotilla.run.InterruptedTasks(plane, tenancyForAction(), template, historyRetries)
                .tasks(deployment);
    }

    /** The targets of {@code tenants}, their password files read afresh: a file changed since the last action is read. */
    public List<TenantTarget> targets(List<Tenant> tenants) {
        Tenancy reading = tenancyForAction();
        return tenants.stream().map(t -> TenantTarget.of(t, reading)).toList();
    }

    /** The tenancy for one action: it reads tenants' password files afresh, then once for the action's life. */
    public Tenancy tenancyForAction() {
        return tenancy.readingPasswordFilesAgain();
    }

    /**
     * The tenant column in shared-schema tenancy (that of the checks' tenant-column rule, which the command line sets
     * for it), so that a tenant's checks look at its own rows; null otherwise.
     */
    public String sharedTenantColumn() {
        return tenancy.model() == dev.flotilla.tenant.TenancyModel.SHARED_SCHEMA && deploy.verify() != null
                && deploy.verify().tenantColumn() != null ? deploy.verify().tenantColumn().column() : null;
    }

    /** The deploy options with who deploys. */
    public FleetOptions deployAs(String actor) {
        return deploy.withActor(actor);
    }

    /** The target options with who runs them, recorded in each history table. */
    public TargetOptions templateAs(String actor) {
        return template.withInstalledBy(actor);
    }

    /** As {@link #templateAs(String)}; with {@code outOfOrder}, as --out-of-order, applying pending migrations older than a tenant's newest. */
    public TargetOptions templateAs(String actor, boolean outOfOrder) {
        TargetOptions options = templateAs(actor);
        return outOfOrder ? options.withPolicy(options.policy().withOutOfOrder(true)) : options;
    }

    /** See {@link #FOLDER_READS}. */
    static long folderReads() {
        return FOLDER_READS.get();
    }
}
