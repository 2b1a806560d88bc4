package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment workers' writer: order kept, records gathered for a window that a flush ends, flush waits for
 * the commit, listeners hear of what is committed only, a failed write costs only itself.
 */
class WriteBehindTest {
    @TempDir
    Path home;

    private static List<TenantId> tenants(int count) {
        List<TenantId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TenantId.of(String.format("t%03d", i)));
        }
        return ids;
    }

    private static String deployment(ControlPlane plane, List<TenantId> ids) {
        plane.tenants().addMissing(ids.stream().map(id -> new Tenant(id, null, null, null, List.of())).toList());
        return plane.deployments().create("ops", "test", ids.stream().map(id -> new DeploymentStore.NewTask(id, 1)).toList());
    }

    @Test
    void records_queued_by_many_workers_are_all_committed_in_order_once_flushed() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            List<TenantId> ids = tenants(60);
            String id = deployment(plane, ids);
            ExecutorService workers = Executors.newFixedThreadPool(4);
            java.util.Set<TaskStatus> seenWhenReported = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try (WriteBehind records = plane.writeBehind()) {
                List<Future<?>> done = new ArrayList<>();
                for (TenantId tenant : ids) {
                    done.add(workers.submit(() -> {
                        records.add("starting a task", () -> plane.deployments().taskStarted(id, tenant, java.time.Instant.now()));
                        records.add("finishing a task", () -> plane.deployments().taskFinished(id, tenant,
                                TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1"), TaskError.NONE,
                                        "applied 1", java.time.Instant.now())),
                                () -> plane.deployments().tasks(id).stream().filter(t -> t.tenant().equals(tenant))
                                        .forEach(t -> seenWhenReported.add(t.status())));
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                records.flush();

                // A finish committed before its start would leave the task running.
                assertThat(plane.deployments().tasks(id)).hasSize(60)
                        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.SUCCEEDED));
                // What a listener is told after the commit is already in the plane.
                assertThat(seenWhenReported).containsExactly(TaskStatus.SUCCEEDED);
            } finally {
                workers.shutdownNow();
            }
        }
    }

    @Test
    void records_wait_for_the_window_to_close_and_a_flush_or_close_ends_it_at_once() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            List<TenantId> ids = tenants(3);
            String id = deployment(plane, ids);
            CountDownLatch reported = new CountDownLatch(2);
            WriteBehind records = new WriteBehind(plane, Duration.ofHours(1));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (records) {
                    for (TenantId tenant : ids.subList(0, 2)) {
                        records.add("starting a task", () -> plane.deployments().taskStarted(id, tenant, java.time.Instant.now()), reported::countDown);
                    }
                    assertThat(reported.await(300, TimeUnit.MILLISECONDS)).as("committed before the window closed").isFalse();

                    records.flush();

                    assertThat(reported.getCount()).isZero();
                    assertThat(plane.deployments().tasks(id)).extracting(TaskRecord::status)
                            .containsExactly(TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.PENDING);
                    records.add("starting a task", () -> plane.deployments().taskStarted(id, ids.get(2), java.time.Instant.now()));
                }
                assertThat(plane.deployments().tasks(id)).extracting(TaskRecord::status).containsOnly(TaskStatus.RUNNING);
            });
        }
    }

    @Test
    void a_failing_write_costs_only_itself_and_is_thrown_by_the_next_flush_and_add() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            List<TenantId> ids = tenants(2);
            String id = deployment(plane, ids);
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            WriteBehind records = plane.writeBehind();
            try {
                records.add("holding the writer", () -> {
                    writerBusy.countDown();
                    await(release);
                });
                assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
                // These three queue up behind the first and are committed as one batch, which the middle one fails.
                List<String> reported = java.util.Collections.synchronizedList(new ArrayList<>());
                records.add("starting a task", () -> plane.deployments().taskStarted(id, ids.get(0), java.time.Instant.now()), () -> reported.add("t000"));
                records.add("writing a bad record", () -> {
                    throw new IllegalStateException("no such column: mood");
                }, () -> reported.add("bad"));
                records.add("starting a task", () -> plane.deployments().taskStarted(id, ids.get(1), java.time.Instant.now()), () -> reported.add("t001"));
                release.countDown();

                assertThatThrownBy(records::flush).isInstanceOf(FlotillaException.class).hasMessageContaining("no such column: mood");
                assertThat(plane.deployments().tasks(id)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.RUNNING));
                assertThat(reported).containsExactly("t000", "t001");
                assertThatThrownBy(() -> records.add("starting a task", () -> { }))
                        .isInstanceOf(FlotillaException.class).hasMessageContaining("no such column: mood");
            } finally {
                release.countDown();
                try {
                    records.close();
                } catch (FlotillaException expected) {
                    // the same failure, thrown again by the closing flush
                }
            }
        }
    }

    @Test
    void a_writer_dead_of_an_error_fails_the_next_flush_and_add_saying_the_records_may_not_be_written() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            String id = deployment(plane, tenants(1));
            CountDownLatch dying = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
            WriteBehind records = plane.writeBehind();
            records.add("starting a task", () -> plane.deployments().taskStarted(id, TenantId.of("t000"), java.time.Instant.now()));
            records.add("writing a record nested too deep", () -> {
                writer.set(Thread.currentThread());
                dying.countDown();
                throw new StackOverflowError();
            });
            assertThat(dying.await(10, TimeUnit.SECONDS)).isTrue();
            writer.get().join(Duration.ofSeconds(10));
            assertThat(writer.get().isAlive()).as("the writer died").isFalse();

            assertThatThrownBy(records::flush).isInstanceOf(FlotillaException.class).hasMessageContaining(
                    "The control plane's writer thread died of java.lang.StackOverflowError while ")
                    .hasMessageContaining("may not be written").hasMessageContaining("deploy --resume");
            assertThatThrownBy(() -> records.add("finishing a task", () -> { })).isInstanceOf(FlotillaException.class)
                    .hasMessageContaining("died of java.lang.StackOverflowError");
            assertThatThrownBy(records::close).isInstanceOf(FlotillaException.class);
        }
    }

    @Test
    void a_flush_waiting_on_a_writer_that_dies_of_an_error_fails_and_the_plane_writes_on() throws Exception {
        String id;
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            id = deployment(plane, tenants(2));
            WriteBehind records = new WriteBehind(plane, Duration.ofHours(1)); // the flush sends the batch
            records.add("starting a task", () -> plane.deployments().taskStarted(id, TenantId.of("t000"), java.time.Instant.now()));
            records.add("writing a record", () -> {
                throw new OutOfMemoryError("Java heap space");
            });

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(records::flush)
                    .isInstanceOf(FlotillaException.class).hasMessageContaining("died of java.lang.OutOfMemoryError: Java heap"
                            + " space while starting a task (and 1 more record(s))").hasMessageContaining("FLOTILLA_JAVA_OPTS"));
            plane.deployments().taskStarted(id, TenantId.of("t001"), java.time.Instant.now());
        }
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(plane.deployments().tasks(id)).as("the dead batch rolled back; the write after it committed")
                    .extracting(TaskRecord::status).containsExactly(TaskStatus.PENDING, TaskStatus.RUNNING);
        }
    }

    /** A record of a test's: what it says, which a later one of its key adds to. */
    private record Said(String key, String text, List<String> written) implements WriteBehind.Coalescing<Said> {
        @Override
        public Said then(Said later) {
            return new Said(key, text + "+" + later.text, written);
        }

        @Override
        public void write() {
            written.add(text);
        }
    }

    @Test
    void a_keyed_record_is_taken_into_the_next_of_its_key_in_the_same_batch_the_others_keep_their_order() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch writerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (WriteBehind records = plane.writeBehind()) {
                records.add("holding the writer", () -> {
                    writerBusy.countDown();
                    await(release);
                });
                assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
                // One batch: the writer takes them all once released.
                records.add("t1 pending", new Said("t1", "t1 pending", written), () -> told.add("t1 pending"));
                records.add("t2 pending", new Said("t2", "t2 pending", written), () -> told.add("t2 pending"));
                records.add("t3 start", () -> written.add("t3 start"), () -> told.add("t3 start"));
                records.add("t1 log", new Said("t1", "t1 log", written), () -> told.add("t1 log"));
                records.add("t1 end", new Said("t1", "t1 end", written), () -> told.add("t1 end"));
                release.countDown();
                records.flush();
                assertThat(written).containsExactly("t2 pending", "t3 start", "t1 pending+t1 log+t1 end");
                assertThat(told).containsExactly("t2 pending", "t3 start", "t1 pending", "t1 log", "t1 end");

                // A flush ends the batch: a record of the same key after it is a write of its own.
                written.clear();
                records.add("t1 log", new Said("t1", "t1 log", written), () -> { });
                records.flush();
                records.add("t1 end", new Said("t1", "t1 end", written), () -> { });
                records.flush();
                assertThat(written).containsExactly("t1 log", "t1 end");
            } finally {
                release.countDown();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
