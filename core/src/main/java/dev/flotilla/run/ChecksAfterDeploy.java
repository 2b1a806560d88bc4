package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.SharedResults;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.VerifyOptions;
import java.util.List;
import java.util.Map;

/**
 * The checks a deployment runs on a target it migrated: the tables' row counts before the migrations, then the checks
 * after them, their results recorded in the control plane for every tenant of the target. Thread-safe (holds no state
 * of a run).
 */
final class ChecksAfterDeploy {
    private final ControlPlane plane;
    private final String deployment;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final ConnectionSource connections;
    /** Whether the deployment backs each tenant up before its migrations, for the remedy of lost rows. */
    private final boolean backedUp;

    ChecksAfterDeploy(ControlPlane plane, String deployment, TargetOptions template, LoadedMigrations migrations,
                      ConnectionSource connections, boolean backedUp) {
        this.backedUp = backedUp;
        this.plane = plane;
        this.deployment = deployment;
        this.template = template;
        this.migrations = migrations;
        this.connections = connections;
    }

    /**
     * The tables' row counts before the deploy (each tenant's in a shared schema), for the row-counts check after it,
     * with each foreign key's orphan rows where fk-orphans is enabled. With {@code historyExpected} (the tenant was
     * deployed to before), a database that is gone is {@code TARGET_MISSING}, as the deploy itself would say.
     */
    RowsBefore countRows(List<TenantTarget> group, VerifyOptions verify, boolean historyExpected) {
        TenantTarget target = group.get(0);
        TargetOptions options = template.forTarget(target.target(), target.tenant().id().value());
        try {
            return TargetWork.run(connections, options, false, false, historyExpected, session -> RowsBefore.count(session, group,
                    verify.sharedTenantColumn(), verify.enabled("row-counts"), verify.enabled("fk-orphans")));
        } catch (FlotillaException e) {
            if (e.code() != ErrorCode.LOCK_TIMEOUT) {
                throw e;
            }
            // Not the target lock (which the migrations take after this): a table another session holds.
            throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Counting the rows of " + target.target().displayName()
                    + " before the deploy (the row-counts and fk-orphans checks) waited longer than the lock timeout"
                    + (options.lockTimeout() == null ? "" : " (" + options.lockTimeout().toMillis() + " ms)")
                    + " for a table another session holds; nothing was changed. Wait for that session, raise"
                    + " deploy.lockTimeout, or leave the checks out (checks.disabled: [row-counts, fk-orphans]).", e);
        }
    }

    /**
     * Runs the checks on the freshly migrated target, comparing with the row counts from before and with the
     * newest dry run of the same migrations; records the results for every tenant of the group. In a shared schema
     * the checks schema-wide by nature run once for the target (and say so), those reading rows once more for each
     * tenant's own rows: a tenant fails verification for what is wrong with the schema or with its rows, not another
     * tenant's.
     *
     * @return each tenant's results, as recorded
     */
    Map<TenantId, List<CheckResult>> run(List<TenantTarget> group, VerifyOptions verify, RowsBefore before,
                                          List<String> applied, List<String> versions, StringBuilder log) {
        TenantTarget target = group.get(0);
        TargetOptions options = template.forTarget(target.target(), target.tenant().id().value())
                .withStatementTimeout(verify.timeout());
        SchemaDiff expected = applied.isEmpty() ? null : plane.dryRuns().latestDiff(target.tenant().id(), applied,
                DryRunStore.checksums(applied, migrations)).orElse(null);
        Map<TenantId, List<CheckResult>> results = TargetWork.run(connections, options, false, false, session -> {
            Map<TenantId, List<CheckResult>> byTenant = new java.util.LinkedHashMap<>();
            if (verify.sharedTenantColumn() == null) {
                TenantScope whole = TenantScope.wholeTargetOf(target.tenant().id().value());
                List<CheckResult> all = Verification.onTarget(session, verify, whole, before == null ? null : before.target(),
                        migrations, versions, expected);
                all.forEach(r -> log.append("check ").append(r).append('\n'));
                group.forEach(tenant -> byTenant.put(tenant.tenant().id(), all));
                return byTenant;
            }
            List<TenantId> ids = group.stream().map(t -> t.tenant().id()).toList();
            SharedResults shared = Verification.onSharedTarget(session, verify, ids, before, migrations, versions, expected);
            shared.once().forEach(r -> log.append("check ").append(r).append('\n'));
            for (TenantId id : ids) {
                shared.own(id.value()).forEach(r -> log.append("check ").append(r).append('\n'));
                byTenant.put(id, shared.of(id.value()));
            }
            return byTenant;
        });
        results.forEach((tenant, checks) -> plane.verifications().record(tenant, deployment, "deploy", checks));
        return results;
    }

    /**
     * Why verification failed, for each tenant of {@code group} it failed for in {@code results}: about the last
     * migration the task applied (null when none), after which the checks looked, and the first failed check's id.
     */
    Map<TenantId, TaskFailure> failures(List<TenantTarget> group, Map<TenantId, List<CheckResult>> results,
                                        List<String> applied) {
        String last = applied.isEmpty() ? null : applied.get(applied.size() - 1);
        Map<TenantId, TaskFailure> failures = new java.util.HashMap<>();
        // A restore takes every tenant of a shared target, or none.
        String tenants = group.stream().map(t -> t.tenant().id().value()).collect(java.util.stream.Collectors.joining(","));
        results.forEach((tenant, checks) -> {
            List<CheckResult> failed = checks.stream().filter(r -> !r.ok()).toList();
            if (!failed.isEmpty()) {
                String shown = failed.stream().map(CheckResult::toString).collect(java.util.stream.Collectors.joining(" | "));
                failures.put(tenant, new TaskFailure(ErrorCode.CHECK_FAILED, Advice.of("Verification failed after the"
                        + " migrations were applied: " + (shown.length() <= 2000 ? shown : shown.substring(0, 1997) + "...")
                        + ". ", DeploymentOnlyChecks.remedy(failed, deployment, tenant.value(), tenants, backedUp)), last,
                        failed.get(0).id()));
            }
        });
        return failures;
    }
}
