package dev.flotilla.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Waits, before a measure of half a second, until the machine's CPUs are idle: what a run did just before (the
 * database's checkpoint after a thousand tenants' DDL, this JVM's compiler) otherwise lands on a command that
 * takes less time than it does (round 11: `status --fleet` over 1,000 tenants 0.62 s right after the deploys
 * at concurrency 4, 0.36-0.53 s on the same control plane a minute later). Reads /proc/stat; elsewhere it does
 * not wait.
 */
final class Quiet {
    /** The share of the CPUs' time idle over a window that counts as quiet. */
    static final double IDLE_SHARE = 0.9;
    private static final long WINDOW_MILLIS = 500;
    private static final long MAX_WAIT_MILLIS = 30_000;
    private static final Path STAT = Path.of("/proc/stat");

    private Quiet() {
    }

    /** Waits until one window is idle enough, at most 30 s; returns the milliseconds it waited. */
    static long await() throws InterruptedException {
        if (!Files.isReadable(STAT)) {
            return 0;
        }
        long start = System.nanoTime();
        long waited = 0;
        while (waited < MAX_WAIT_MILLIS) {
            long[] before = read();
            Thread.sleep(WINDOW_MILLIS);
            if (idleShare(before, read()) >= IDLE_SHARE) {
                break;
            }
            waited = (System.nanoTime() - start) / 1_000_000;
        }
        return waited;
    }

    /**
     * The share of the time between two readings of /proc/stat's first line that the CPUs were idle or waiting
     * on disk; time the hypervisor stole counts as busy.
     */
    static double idleShare(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < Math.min(8, after.length); i++) {
            total += after[i] - before[i];
        }
        long idle = (after[3] - before[3]) + (after[4] - before[4]);
        return total <= 0 ? 1.0 : (double) idle / total;
    }

    /** The ticks of /proc/stat's aggregate line: user, nice, system, idle, iowait, irq, softirq, steal, ... */
    static long[] parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("Not /proc/stat's aggregate cpu line: " + cpuLine);
        }
        return Arrays.stream(fields, 1, fields.length).mapToLong(Long::parseLong).toArray();
    }

    private static long[] read() {
        try (var lines = Files.lines(STAT)) {
            return parse(lines.findFirst().orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + STAT + ": " + e.getMessage(), e);
        }
    }
}
