package dev.flotilla.cli;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Shows a deployment as it goes: its id first, then on a terminal one live line (done/total, failures, rate,
 * ETA) with failures printed above it, otherwise a plain line per finished tenant. Thread-safe.
 */
final class DeployProgress implements FleetListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int CANARIES_NAMED = 10;

    private final Output output;
    private final java.util.function.UnaryOperator<String> labels;
    private final boolean live;
    private final String noun;
    private final String verb;
    /** A line said after the first, or null. */
    private final String note;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    /** The stop asked for, once heard: it is why the tenants not started are skipped. */
    private volatile dev.flotilla.control.StopRequest stopped;
    private volatile long start;
    /** Whether the canary wave had one tenant: the words of its success. */
    private volatile boolean canariesOne;
    /** Whether this run began with a canary wave (wave 0): a rollback's waves begin at 1. */
    private volatile boolean canaryWave;
    private long lastDrawn;
    /** A failure's schema-wide findings, said in full for the first tenant of each target only. */
    private final SchemaWideFindings schemaWide = new SchemaWideFindings();

    DeployProgress(Output output, boolean live, String verb) {
        this(output, live, "Deployment", verb);
    }

    /** @param noun what runs: "Deployment", or "Rollback" for a rollback deployment */
    DeployProgress(Output output, boolean live, String noun, String verb) {
        this(output, live, noun, verb, null);
    }

    /** @param note a line said after the first (a resume's options), or null */
    DeployProgress(Output output, boolean live, String noun, String verb, String note) {
        this(output, live, noun, verb, note, java.util.function.UnaryOperator.identity());
    }

    /** @param labels how each version applied is shown ({@link dev.flotilla.migration.LoadedMigrations#label}) */
    DeployProgress(Output output, boolean live, String noun, String verb, String note,
                   java.util.function.UnaryOperator<String> labels) {
        this.labels = labels;
        this.output = output;
        this.live = live && !output.json();
        this.noun = noun;
        this.verb = verb;
        this.note = note;
    }

    @Override
    public void deploymentStarted(String deployment, int tasks) {
        total = tasks;
        start = System.nanoTime();
        output.line(noun + " " + deployment + " " + verb + ": " + tasks + " tenant(s)");
        if (note != null) {
            output.line(note);
        }
    }

    /**
     * Says the canaries before they run, and that they succeeded when the rest start; a rollback of a deployment, which
     * has no canaries of its own (its waves from 1), says that the deployment's canaries are undone last.
     */
    @Override
    public void waveStarted(int wave, List<TenantId> tenants, int waiting) {
        boolean one = tenants.size() == 1;
        String count = " (" + tenants.size() + (one ? " tenant" : " tenants") + ")";
        if (wave == 0) {
            canaryWave = true;
            output.line((one ? "Canary: " : "Canaries: ") + named(tenants) + count + " first; the other " + waiting
                    + (one ? " follow only if it succeeds." : " follow only if they all succeed."));
        } else if (canaryWave) {
            output.line((canariesOne ? "Canary succeeded" : "Canaries succeeded") + ": the other " + tenants.size()
                    + " tenant(s) now.");
        } else if (waiting > 0) {
            output.line("First " + named(tenants) + count + "; the deployment's canary wave (" + waiting
                    + (waiting == 1 ? " tenant" : " tenants") + ") is undone last.");
        } else {
            output.line("Now the deployment's canary wave: " + named(tenants) + count + ".");
        }
        canariesOne = one;
    }

    @Override
    public synchronized void taskFinished(TaskResult result) {
        int finished = done.incrementAndGet();
        if (result.status() == TaskStatus.FAILED) {
            failed.incrementAndGet();
        }
        if (!live || result.status() == TaskStatus.FAILED) {
            output.line(DeploySummary.taskLine(output, result, noun.equals("Rollback"), stopped, schemaWide, labels));
        }
        long now = System.nanoTime();
        if (live && (now - lastDrawn > REDRAW_NANOS || finished == total)) {
            lastDrawn = now;
            output.progress(line(finished, now));
        }
    }

    @Override
    public void stopRequested(dev.flotilla.control.StopRequest stop) {
        stopped = stop;
        output.line("Stop requested by " + stop.by() + " at " + LocalTimes.format(stop.at()) + ": no new tenant starts;"
                + " those in flight finish.");
    }

    /** The canaries' ids, the first {@value #CANARIES_NAMED} and how many more. */
    private static String named(List<TenantId> tenants) {
        String shown = tenants.stream().limit(CANARIES_NAMED).map(TenantId::value).collect(Collectors.joining(", "));
        return tenants.size() > CANARIES_NAMED ? shown + " and " + (tenants.size() - CANARIES_NAMED) + " more" : shown;
    }

    private String line(int finished, long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = finished / seconds;
        long eta = rate <= 0 ? 0 : Math.round((total - finished) / rate);
        return String.format("[%d/%d] %d failed, %.1f tenants/s, ETA %ds", finished, total, failed.get(), rate, eta);
    }
}
