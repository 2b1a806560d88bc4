package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resume or retry that requires tests (deploy.requireTested, --require-tested) checked as a new deploy is
 * ({@link TestedPlans}), on the tenants it would run again and what it would apply there, before anything is reopened. A
 * tenant whose task in the deployment started after its newest dry run (failed or cut off part-way) changed since: it
 * needs a new dry run, and the refusal says so. Stateless.
 */
final class ContinuedTests {
    private ContinuedTests() {
    }

    /**
     * Refuses ({@link NotTestedRefusal}) the resume of {@code record} (with {@code continueOnError}, past failures), or with
     * {@code failedOnly} its retry, when a tenant
     * of {@code plans} (those it would run again, planned with {@code applied}: those of {@code all} up to the deployment's
     * ceiling) was not tested; the dry run it names stops at that ceiling too ({@code --to}) when files come after it.
     */
    static void require(ControlPlane plane, DeploymentRecord record, List<TaskRecord> tasks, boolean failedOnly,
                        boolean continueOnError, List<TenantPlan> plans, LoadedMigrations applied, LoadedMigrations all, boolean outOfOrder,
                        String requiredBy) {
        MigrationVersion ceiling = applied.newestVersion().filter(stop -> all.newestVersion()
                .filter(last -> last.compareTo(stop) > 0).isPresent()).orElse(null);
        TestedPlans tests = TestedPlans.of(plane, plans, applied, outOfOrder).upTo(ceiling);
        if (!tests.allPassed()) {
            throw tests.continuationRefusal(requiredBy, record.id(), failedOnly, continueOnError, touched(tasks));
        }
    }

    /** When each task last started or ended; a task never started is left out. */
    private static Map<TenantId, Instant> touched(List<TaskRecord> tasks) {
        Map<TenantId, Instant> touched = new LinkedHashMap<>();
        for (TaskRecord task : tasks) {
            if (task.startedAt() != null) {
                touched.put(task.tenant(), task.finishedAt() != null && task.finishedAt().isAfter(task.startedAt())
                        ? task.finishedAt() : task.startedAt());
            }
        }
        return touched;
    }
}
