package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.CommandLineStart;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.FleetValidation;
import dev.flotilla.run.PlanRecords;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new {@code deploy} (neither --resume nor --retry-failed): the selected tenants and those sharing their targets,
 * planned and validated, those already up to date left out, refused where it requires dry runs that did not pass,
 * confirmed, then run; its summary saying how many were up to date.
 */
final class NewDeploy {
    private final DeployCommand deploy;
    private final LoadedMigrations all;
    /** The newest version --to lets it apply; null: every pending one. */
    private final MigrationVersion ceiling;
    private final LoadedMigrations migrations;

    NewDeploy(DeployCommand deploy, LoadedMigrations all) {
        this.deploy = deploy;
        this.all = all;
        this.ceiling = UpToVersion.of(deploy.to, all);
        this.migrations = ceiling == null ? all : all.upTo(ceiling);
    }

    /**
     * The selected tenants' targets, with those sharing them, and what is said of the sharing ones; {@code records}, what
     * the plane kept of every registered tenant as the deploy read them.
     */
    private record Selected(List<TenantTarget> targets, List<String> sharing, List<TenantRecord> records) {
    }

    int run() {
        Selected selected = selected();
        List<TenantTarget> targets = selected.targets();
        SplittableScripts.require(deploy.template(deploy.policy()), migrations, targets);
        long start = System.nanoTime();
        FleetOptions planning = deploy.options(Set.of());
        List<TenantPlan> plans = new FleetPlanner(deploy.template(deploy.policy()), migrations, planning.concurrency(),
                planning.perServer()).plan(targets);
        List<Problem> invalid = FleetValidation.findings(plans, migrations, deploy.selection.selection().flags());
        if (!invalid.isEmpty()) {
            return deploy.refused(invalid, FleetValidation.blocked(plans).size());
        }
        Set<TenantId> upToDate = plans.stream().filter(p -> p.state() == TenantPlan.State.UP_TO_DATE)
                .map(TenantPlan::tenant).collect(Collectors.toSet());
        if (upToDate.size() == targets.size()) {
            PlanRecords.learnBaselines(deploy.plane(), plans, selected.records());
            return NothingToDeploy.finish(deploy.output, deploy.name(), targets.size(), (System.nanoTime() - start) / 1_000_000);
        }
        List<TenantTarget> work = targets.stream().filter(t -> !upToDate.contains(t.tenant().id())).toList();
        DeployTests tests = DeployTests.read(deploy.plane(), plans, migrations, deploy.outOfOrder, deploy.requireTested,
                deploy.config().deploy().requireTested()).upTo(all.newestVersion()
                .filter(newest -> ceiling != null && newest.compareTo(ceiling) > 0).map(newest -> ceiling).orElse(null));
        if (tests.refuses()) {
            return tests.refuse(deploy.output, deploy.plane(), deploy.actor(), deploy.refusedAction(), deploy.name());
        }
        return deploy(plans, work, upToDate, selected, tests);
    }

    /** The fleet read and its targets built once: the selection is among them, with the tenants sharing its targets. */
    private Selected selected() {
        RegisteredFleet fleet = RegisteredFleet.read(deploy.context());
        List<TenantTarget> chosen = fleet.selected(deploy.selection);
        // Tenants sharing a chosen tenant's target (shared-schema) are migrated with it: they are part of the deployment.
        return new Selected(SharedTargets.withSharing(chosen, fleet.targets()),
                SharedTargets.alsoMigrated(SharedTargets.partial(chosen, fleet.targets())), fleet.records());
    }

    /** Confirmed, then run on {@code work}, the selected tenants not {@code upToDate}. */
    private int deploy(List<TenantPlan> plans, List<TenantTarget> work, Set<TenantId> upToDate, Selected selected,
                       DeployTests tests) {
        List<String> sharing = selected.sharing();
        StopOnSignal signals = new StopOnSignal(deploy.output, deploy.plane(), deploy.actor());
        FleetRunner runner = deploy.runner(migrations, deploy.options(upToDate), DeployCommand.NOUN, "started",
                sharing.isEmpty() ? null : "  " + String.join("\n  ", sharing) + ".",
                deploy.skipBackup && deploy.config().deploy().backup() ? work.size() : 0, signals).upTo(ceiling);
        runner.canaryWave(work).warnings().forEach(deploy.output::warn);
        tests.warn(deploy.output);
        deploy.confirm(work.size(), plans, sharing);
        // Its plans read every history: lint learns each baseline, as it stands once the pending versions ran.
        PlanRecords.learnBaselines(deploy.plane(), plans, selected.records());
        DeployResult result;
        try (signals) {
            result = runner.deploy(work, CommandLineStart.here(deploy.selection.selection().flags()));
        } catch (FlotillaException e) {
            if (signals.deployment() == null) {
                throw e;
            }
            return StartedDeploymentFailure.finish(deploy.output, deploy.name(), signals.deployment(), e,
                    Remedy.of("deploy", "--resume", signals.deployment()));
        }
        if (!upToDate.isEmpty()) {
            deploy.output.line(upToDate.size() + " selected tenant(s) were already up to date and not part of it.");
        }
        Map<String, Object> extra = new LinkedHashMap<>(tests.json());
        extra.put("upToDate", upToDate.size());
        return deploy.finish(result, extra, DeployCommand.NOUN);
    }
}
