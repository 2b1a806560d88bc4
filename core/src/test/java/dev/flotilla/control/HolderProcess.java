package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldsControlPlane.class.getName(), url).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        HolderProcess holder = new HolderProcess(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String said = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return e.toString();
            }
        }).completeOnTimeout("nothing within a minute", 60, TimeUnit.SECONDS).get();
        if (!"open".equals(said)) {
            holder.close();
        }
        assertThat(said).isEqualTo("open");
        return holder;
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
