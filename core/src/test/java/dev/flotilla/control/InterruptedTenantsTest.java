package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose deployment's process died while migrating it reads {@code interrupted}, and its last error says so, in
 * the words its deployment's page gives the task, wherever the tenant is shown (its page, the dashboard, the API,
 * {@code tenants list}, {@code status --fleet}): not blank, nor an error of an earlier run.
 */
class InterruptedTenantsTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path home;

    private ControlPlane open() {
        return ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null);
    }

    /** A deployment ({@code kind} deploy or rollback) of acme, its task started, whose process then stopped beating: interrupted. */
    private String interrupted(String kind) {
        String id;
        try (ControlPlane dying = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null, Duration.ofMillis(20))) {
            id = dying.deployments().create(kind, null, "root", "", List.of(new DeploymentStore.NewTask(ACME, 1)));
            dying.tenants().markMigrating(ACME, id);
            dying.deployments().taskStarted(id, ACME, Instant.now());
        }
        try (ControlPlane plane = open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (plane.deployments().require(id).status() != DeploymentStatus.INTERRUPTED) {
                assertThat(System.nanoTime()).as("the heartbeat of " + id + " went stale").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        return id;
    }

    private void failedEarlier() {
        try (ControlPlane plane = open()) {
            plane.tenants().add(new Tenant(ACME, "Acme", null, null, List.of()));
            plane.tenants().updateState(ACME, "failed", "1", 1, null, "V2__tags.sql failed at statement 1: no such table");
        }
    }

    @Test
    void a_tenant_whose_task_was_cut_off_reads_interrupted_with_what_continues_it_not_an_earlier_error() {
        failedEarlier();
        String id = interrupted("deploy");

        try (ControlPlane plane = open()) {
            TenantRecord acme = plane.tenants().find(ACME).orElseThrow();
            String runner = plane.deployments().require(id).runner();

            assertThat(acme.status()).isEqualTo("interrupted");
            assertThat(acme.lastError()).startsWith("The process running this task (" + runner + ") stopped at ")
                    .contains("when it was last seen alive", "what the task applied is not known yet",
                            "`flotilla deployments show " + id + "` reads it from the target's history", "`flotilla deploy --resume " + id + "`")
                    .doesNotContain("no such table");
            assertThat(plane.tenants().all()).singleElement().extracting(TenantRecord::lastError).isEqualTo(acme.lastError());
        }
    }

    @Test
    void a_tenant_whose_rollback_was_cut_off_is_told_to_resume_the_rollback() {
        failedEarlier();
        String id = interrupted("rollback");

        try (ControlPlane plane = open()) {
            assertThat(plane.tenants().find(ACME).orElseThrow().lastError()).contains("`flotilla rollback --resume " + id + "`")
                    .doesNotContain("deploy --resume");
        }
    }

    @Test
    void once_its_target_was_read_back_a_tenant_reads_the_error_its_deployment_shows_for_the_task() {
        failedEarlier();
        String id = interrupted("deploy");

        try (ControlPlane plane = open()) {
            plane.deployments().taskReconciled(id, ACME, List.of("2"), "The process running this task (build-7:11629) stopped;"
                    + " the target's history shows 2 applied, nothing after them; run `flotilla deploy --resume " + id + "`.",
                    "interrupted (read from the history table)\n");
            TaskRecord task = plane.deployments().tasks(id).get(0);

            assertThat(task.error()).contains("history shows 2 applied");
            assertThat(plane.tenants().find(ACME).orElseThrow().lastError()).isEqualTo(task.error());
        }
    }
}
