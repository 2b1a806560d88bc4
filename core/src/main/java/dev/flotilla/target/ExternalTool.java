package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a database client program (pg_dump, pg_restore, mariadb-dump, mariadb) for one target. Passwords go
 * through the environment or an option file, never the command line; what the program prints on error is
 * scrubbed of the target's secrets before it reaches a message.
 *
 * @param program the binary, found on the PATH unless a path is given
 * @param install what to install when it is missing, e.g. "postgresql-client"
 */
public record ExternalTool(String program, String install) {
    /** The server's version in pg_dump's refusal of a server newer than itself, and its major version. */
    private static final Pattern SERVER_VERSION = Pattern.compile("server version: ((\\d+)[.\\d]*)");

    /** The first of {@code candidates} found on the PATH, or the first one (to fail with a clear message later). */
    public static String firstOnPath(String... candidates) {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (String candidate : candidates) {
            for (String folder : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, candidate))) {
                    return candidate;
                }
            }
        }
        return candidates[0];
    }

    /**
     * Runs the program with {@code arguments}; stdin from {@code input} and stdout to {@code output} when given.
     *
     * @return what it printed on stdout when {@code output} is null
     * @throws FlotillaException with {@code code} naming what failed, what the program said, and what to do
     */
    public String run(List<String> arguments, Map<String, String> environment, Path input, Path output, Duration timeout,
                      TargetSpec spec, ErrorCode code, String doing) {
        Path errors = null;
        Path captured = null;
        try {
            errors = Files.createTempFile("flotilla-" + program, ".err");
            captured = output != null ? output : Files.createTempFile("flotilla-" + program, ".out");
            List<String> command = new java.util.ArrayList<>();
            command.add(program);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile()).redirectOutput(captured.toFile());
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            ChildEnvironment.cleanForClientProgram(builder.environment());
            builder.environment().putAll(environment);
            Process process = ChildProcesses.start(builder);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw failure(code, doing, spec, "did not finish within " + timeout.toSeconds() + " s");
                }
            } finally {
                process.destroyForcibly(); // ended by now, unless this thread was interrupted: then not left running
                ChildProcesses.ended(process);
            }
            if (process.exitValue() != 0) {
                String said = spec.scrub(Files.readString(errors, StandardCharsets.UTF_8).strip());
                throw failure(code, doing, spec, "exited with " + process.exitValue() + ": " + said + olderThanServer(said));
            }
            return output != null ? null : Files.readString(captured, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw notRunnable(code, doing, spec, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(code, doing, spec, "was interrupted");
        } finally {
            delete(errors);
            if (output == null) {
                delete(captured);
            }
        }
    }

    /**
     * Whether a program's failure was its server refusing the connection or not taking connections yet (restarting):
     * libpq's "Connection refused" and "the database system is starting up / shutting down", the MariaDB client's
     * "Can't connect ... (111)". As a refused JDBC connection, trying again later may succeed.
     */
    public static boolean refused(FlotillaException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("Connection refused") || message.contains("the database system is starting up")
                || message.contains("the database system is shutting down")
                || message.contains("Can't connect") && message.contains("(111");
    }

    /**
     * What to do when the program refused a server newer than itself (pg_dump's "aborting because of server version
     * mismatch", naming the server's version): install the client of that major version, as Debian's package names it,
     * and point Flotilla at it. Empty for any other failure.
     */
    static String olderThanServer(String said) {
        Matcher version = SERVER_VERSION.matcher(said);
        if (!said.contains("server version mismatch") || !version.find()) {
            return "";
        }
        String major = version.group(2);
        return ". This client is older than the server (" + version.group(1) + "), which it cannot read: install the"
                + " PostgreSQL client of version " + major + " or newer (Debian: apt-get install postgresql-client-" + major
                + ", from the PostgreSQL apt repository where Debian has none) and put its folder"
                + " (/usr/lib/postgresql/" + major + "/bin) first on the PATH of Flotilla, whose backups also run its pg_restore"
                + " and psql; a dry run's pg_dump alone can be named with FLOTILLA_PG_DUMP";
    }

    FlotillaException failure(ErrorCode code, String doing, TargetSpec spec, String what) {
        return new FlotillaException(code, doing + " " + spec.displayName() + " failed: " + program + " " + what + ".");
    }

    /** The program could not be started: most likely it is not installed. */
    FlotillaException notRunnable(ErrorCode code, String doing, TargetSpec spec, IOException e) {
        return failure(code, doing, spec, "could not be run (" + e.getMessage() + "). Install it (Debian: apt-get install "
                + install + ") or put it on the PATH");
    }

    static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left in /tmp is harmless.
            }
        }
    }
}
