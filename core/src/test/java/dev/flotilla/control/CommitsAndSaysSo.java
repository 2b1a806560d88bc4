package dev.flotilla.control;

import dev.flotilla.tenant.TenantId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for the kill tests: writes to the embedded control plane at args[0] as a deploy does (workers
 * queueing task starts, log lines and ends to the plane's writer thread, the heartbeat beating on the same file), and
 * prints {@code committed TENANT SEQ} once each log line's commit has returned, until it is killed. args[1] is the
 * number of workers, args[2] how long each pauses after a log line (ms, 0: none), as a task between its migrations.
 * The first line it prints is {@code deployment ID}.
 */
public final class CommitsAndSaysSo {
    private CommitsAndSaysSo() {
    }

    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[1]);
        long pause = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        ControlPlane plane = ControlPlane.open(args[0], ControlPlane.EMBEDDED_USER, null, Duration.ofMillis(200));
        List<DeploymentStore.NewTask> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            tasks.add(new DeploymentStore.NewTask(TenantId.of("t" + w), 1));
        }
        String deployment = plane.deployments().create("kill-test", "{}", tasks);
        out.println("deployment " + deployment);
        Heartbeat alive = plane.stopRequests().beating(deployment, stop -> { });
        WriteBehind records = plane.writeBehind();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            TenantId tenant = TenantId.of("t" + w);
            threads.add(Thread.ofPlatform().start(() -> work(plane, records, deployment, tenant, pause, out)));
        }
        for (Thread thread : threads) {
            thread.join(); // never ends: the test kills the process
        }
        alive.close();
    }

    /** One worker: a task's start awaited as TaskStart does, then log lines, then its end; again and again. */
    private static void work(ControlPlane plane, WriteBehind records, String deployment, TenantId tenant, long pause,
                             PrintStream out) {
        DeploymentStore store = plane.deployments();
        for (int seq = 0; ; seq++) {
            Instant started = Instant.now();
            records.add("starting a task", () -> store.taskStarted(deployment, tenant, started));
            records.flushLater().await();
            for (int line = 0; line < 3; line++, seq++) {
                int said = seq;
                records.add("writing a task's log", () -> store.taskLogged(deployment, tenant, line(tenant, said), false),
                        () -> out.println("committed " + tenant + " " + said));
                pause(pause);
            }
            if (seq % 5 == 0) {
                store.taskFinished(deployment, tenant, new TaskEnd(TaskStatus.RUNNING, List.of(), TaskError.NONE, "", Instant.now(),
                        1, true));
            }
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis); // a migration's time: the plane meanwhile has only the heartbeat to write
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The log line of {@code seq}: what the test looks for in the file after the kill. */
    static String line(TenantId tenant, int seq) {
        return "line " + tenant + " " + seq + "\n";
    }
}
