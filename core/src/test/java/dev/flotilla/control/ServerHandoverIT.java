package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded control plane served by another process (H2's auto-server) that ends while this one writes through it:
 * the file is handed over to a new server (this process), and what was under way is done once, not lost or doubled.
 */
class ServerHandoverIT {
    @TempDir
    Path home;
    HolderProcess holder;

    @AfterEach
    void endHolder() throws Exception {
        if (holder != null) {
            holder.close();
        }
    }

    /** Ends the holder as a command ends, unless it has ended already. */
    private void holderExits() {
        if (holder.isAlive()) {
            try {
                holder.exit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Tenant tenant(String id) {
        return new Tenant(TenantId.of(id), id, null, null, List.of());
    }

    @Test
    void a_transaction_whose_server_exits_midway_is_run_again_whole_on_the_new_server() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        holder = HolderProcess.start(url);
        AtomicInteger runs = new AtomicInteger();
        try (ControlPlane plane = ControlPlane.open(url, "sa", null)) {
            plane.together("registering two tenants", () -> {
                runs.incrementAndGet();
                plane.tenants().add(tenant("before"));
                if (holder.isAlive()) {
                    try {
                        holder.exit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                plane.tenants().add(tenant("after"));
            });

            assertThat(runs.get()).as("runs of the transaction").isEqualTo(2);
            assertThat(plane.tenants().all()).extracting(t -> t.tenant().id().value()).containsExactly("after", "before");
            plane.tenants().add(tenant("later"));
            assertThat(plane.tenants().count(null, null)).isEqualTo(3);
        }
    }

    @Test
    void task_records_queued_when_the_server_exits_are_written_once_each() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        holder = HolderProcess.start(url);
        try (ControlPlane plane = ControlPlane.open(url, "sa", null)) {
            plane.tenants().addMissing(List.of(tenant("t1"), tenant("t2")));
            String deployment = plane.deployments().create("test", "{}", List.of(new DeploymentStore.NewTask(TenantId.of("t1"), 1),
                    new DeploymentStore.NewTask(TenantId.of("t2"), 1)));
            Instant at = Instant.now();
            // A long window: the three writes are committed as one batch, as a deployment's workers' records are.
            try (WriteBehind records = new WriteBehind(plane, Duration.ofSeconds(30))) {
                records.add("starting a task", () -> plane.deployments().taskStarted(deployment, TenantId.of("t1"), at));
                records.add("ending the holder", this::holderExits);
                records.add("starting a task", () -> plane.deployments().taskStarted(deployment, TenantId.of("t2"), at));
                records.flush();
            }

            assertThat(plane.deployments().tasks(deployment)).allSatisfy(task -> {
                assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
                assertThat(task.attempts()).as("attempts of %s", task.tenant()).isEqualTo(1);
            });
        }
    }
}
