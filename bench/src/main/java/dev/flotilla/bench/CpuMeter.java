package dev.flotilla.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by the client (this JVM, plus the child processes it has waited for: the CLI contender) and by
 * the database server (every process of that name, plus the ones the server has reaped: PostgreSQL's
 * per-connection backends), read from /proc. On a 2-core machine running 4 sessions, CPU is what a deploy runs
 * out of, so where it goes explains a wall time better than the wall time does; it also drifts far less.
 * Linux only: elsewhere the meter reads nothing and says so.
 */
final class CpuMeter {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on
    private final String serverProcess;

    /** @param serverProcess the command name of the database server's processes: postgres, mariadbd */
    CpuMeter(String serverProcess) {
        this.serverProcess = serverProcess;
    }

    record Reading(long clientMillis, long serverMillis) {
        Reading since(Reading start) {
            return new Reading(clientMillis - start.clientMillis, serverMillis - start.serverMillis);
        }
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /**
     * Reads once the server has settled: a backend that ends while /proc is being listed would be counted
     * neither as itself nor in its parent's reaped time (seen: a whole contender's server CPU missing), so the
     * reading is taken again until two in a row, 20 ms apart, agree (at most for 2 s).
     */
    Reading read() throws InterruptedException {
        if (!available()) {
            return new Reading(0, 0);
        }
        Reading last = readOnce();
        for (int i = 0; i < 100; i++) {
            Thread.sleep(20);
            Reading next = readOnce();
            if (next.serverMillis() == last.serverMillis()) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private Reading readOnce() {
        long server = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    long[] ticks = ticks(process.resolve("stat"), serverProcess);
                    server += ticks == null ? 0 : ticks[0] + ticks[1];
                }
            }
            long[] self = ticks(Path.of("/proc/self/stat"), null);
            return new Reading(millis(self[0] + self[1]), millis(server));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read CPU times from /proc: " + e.getMessage(), e);
        }
    }

    private static long millis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * {own utime+stime, reaped children's cutime+cstime} of one process, or null where its command is not
     * {@code command} (null: any) or it ended while being read.
     */
    private static long[] ticks(Path stat, String command) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException ended) {
            return null;
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (command != null && !line.substring(open + 1, close).equals(command)) {
            return null;
        }
        // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        String[] fields = line.substring(close + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
    }
}
