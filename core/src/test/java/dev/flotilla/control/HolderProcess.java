package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.ChildJvm;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM running {@link HoldsControlPlane}: it opens the embedded control plane first, so it serves the file
 * to this one (H2's auto-server), until {@link #exit()} ends it the ordinary way or {@link #close()} kills it.
 */
final class HolderProcess implements AutoCloseable {
    private final Process process;

    private HolderProcess(Process process) {
        this.process = process;
    }

    /** Starts the holder of the file at {@code url} and returns once it has it open. */
    static HolderProcess start(String url) throws Exception {
        return new HolderProcess(ChildJvm.startReady(HoldsControlPlane.class, "open", url));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the holder to end (after a signal): whether it did within {@code timeout}. */
    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** Ends the holder as a command ends: it closes the plane and exits; returns once it has exited. */
    void exit() throws IOException, InterruptedException {
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the holder exited").isTrue();
    }

    /** Resumes the holder if it was stopped, and kills it. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid())).start().waitFor();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
