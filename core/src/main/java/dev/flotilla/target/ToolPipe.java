package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two client programs joined through Flotilla: what the first writes on stdout, passed through a {@link Filter}, is
 * the second's stdin, held in memory a buffer at a time and never written to a file (pg_restore's plain SQL holds
 * every row of a tenant). When the first fails, the second is killed before it reads the end of its input, so a
 * client that commits at the end of its input (psql --single-transaction) commits nothing. Thread-safe: each run
 * starts its own programs.
 *
 * @param from the program whose output is read, with its arguments
 * @param into the program that reads it, with its arguments and its environment
 */
public record ToolPipe(ExternalTool from, List<String> fromArguments, ExternalTool into, List<String> intoArguments,
                       Map<String, String> intoEnvironment) {

    /** Copies the first program's output to the second's input, changing what it must on the way. */
    @FunctionalInterface
    public interface Filter {
        Filter NONE = InputStream::transferTo;

        void copy(InputStream output, OutputStream input) throws IOException;
    }

    public ToolPipe {
        fromArguments = List.copyOf(fromArguments);
        intoArguments = List.copyOf(intoArguments);
        intoEnvironment = Map.copyOf(intoEnvironment);
    }

    /**
     * Runs both programs, {@code filter} between them, and waits for them, at most {@code timeout} in all.
     *
     * @throws FlotillaException with {@code code}: the first program's failure when it failed, else the second's
     */
    public void run(Filter filter, Duration timeout, TargetSpec spec, ErrorCode code, String doing) {
        Path fromErrors = null;
        Path intoErrors = null;
        List<Process> started = new ArrayList<>();
        try {
            fromErrors = Files.createTempFile("flotilla-" + from.program(), ".err");
            intoErrors = Files.createTempFile("flotilla-" + into.program(), ".err");
            Process reader = start(new ProcessBuilder().redirectOutput(ProcessBuilder.Redirect.DISCARD), into, intoArguments,
                    intoEnvironment, intoErrors, started, spec, code, doing);
            Process writer = start(new ProcessBuilder(), from, fromArguments, Map.of(), fromErrors, started, spec, code, doing);
            Copy copy = new Copy(writer, reader, filter);
            Thread copier = Thread.ofVirtual().start(copy);
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!reader.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw into.failure(code, doing, spec, "did not finish within " + timeout.toSeconds() + " s");
            }
            copier.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (copy.fromFailed) {
                throw from.failure(code, doing, spec, "exited with " + writer.exitValue() + ": " + said(spec, fromErrors));
            }
            if (reader.exitValue() != 0) {
                throw into.failure(code, doing, spec, "exited with " + reader.exitValue() + ": " + said(spec, intoErrors));
            }
        } catch (IOException e) {
            throw new FlotillaException(code, doing + " " + spec.displayName() + " failed: cannot create a temporary file ("
                    + e.getMessage() + "); nothing was changed.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw into.failure(code, doing, spec, "was interrupted");
        } finally {
            started.forEach(Process::destroyForcibly);
            started.forEach(ChildProcesses::ended);
            ExternalTool.delete(fromErrors);
            ExternalTool.delete(intoErrors);
        }
    }

    /** Starts {@code tool} with {@code builder}'s redirections, its stdin a pipe, its stderr into {@code errors}. */
    private static Process start(ProcessBuilder builder, ExternalTool tool, List<String> arguments, Map<String, String> environment,
                                 Path errors, List<Process> started, TargetSpec spec, ErrorCode code, String doing) {
        List<String> command = new ArrayList<>();
        command.add(tool.program());
        command.addAll(arguments);
        builder.command(command).redirectError(errors.toFile());
        ChildEnvironment.cleanForClientProgram(builder.environment());
        builder.environment().putAll(environment);
        try {
            Process process = ChildProcesses.start(builder);
            started.add(process);
            return process;
        } catch (IOException e) {
            throw tool.notRunnable(code, doing, spec, e);
        }
    }

    private static String said(TargetSpec spec, Path errors) throws IOException {
        String said = spec.scrub(Files.readString(errors, StandardCharsets.UTF_8).strip());
        return said + ExternalTool.olderThanServer(said);
    }

    /**
     * The copy from one program to the other. At the end of the first's output, the second's input is closed only if
     * the first exited 0; otherwise the second is killed first. When the second stops reading (it failed), the first
     * is stopped: the second's own error says why.
     */
    private static final class Copy implements Runnable {
        private final Process writer;
        private final Process reader;
        private final Filter filter;
        private volatile boolean fromFailed;

        Copy(Process writer, Process reader, Filter filter) {
            this.writer = writer;
            this.reader = reader;
            this.filter = filter;
        }

        @Override
        public void run() {
            OutputStream input = reader.getOutputStream();
            try (InputStream output = writer.getInputStream()) {
                filter.copy(output, input);
                if (writer.waitFor() != 0) {
                    fromFailed = true;
                    reader.destroyForcibly().waitFor();
                }
            } catch (IOException readerStopped) {
                writer.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reader.destroyForcibly();
            } finally {
                closeQuietly(input);
            }
        }

        private static void closeQuietly(OutputStream input) {
            try {
                input.close();
            } catch (IOException readerGone) {
                // The reader has exited: its exit value says how.
            }
        }
    }
}
