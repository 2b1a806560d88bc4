package dev.flotilla.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Real processes of this machine other than the test's own, for the code that tells whether the process that made
 * something still runs: one that has ended, one that runs (sleeps) until {@link #close()} ends it.
 */
public final class OtherProcesses implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    /** The pid of a process that has already ended. */
    public long ended() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    /** The pid of a process that runs until this is closed. */
    public long running() throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        return process.pid();
    }

    /** Ends the running processes this started. */
    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
