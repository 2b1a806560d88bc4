package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.ConnectTimeout;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The process that serves an embedded file to the others (H2's auto-server), as its lock file ({@code .lock.db})
 * records it. H2 asks that server whether it still runs before it opens the file, and waits for the answer without
 * a bound: a server whose process is frozen ({@code kill -STOP}, a paused VM) would hold every other command for ever.
 * So the server is asked first here, with the connect timeout ({@code deploy.connectTimeout}) as the bound.
 */
final class FileServer {
    private static final String PREFIX = "jdbc:h2:file:";

    private FileServer() {
    }

    /**
     * Returns when the file {@code spec} opens is served by no process, or by one that answers within the connect
     * timeout; else fails with {@link ErrorCode#LOCK_TIMEOUT}, naming the server and its process, and what to do.
     */
    static void requireAnswering(TargetSpec spec) {
        if (!spec.url().startsWith(PREFIX)) {
            return;
        }
        Path file = Path.of(spec.url().substring(PREFIX.length()).split(";")[0]);
        Properties lock = lockFile(Path.of(file + ".lock.db"));
        String server = lock.getProperty("server");
        String key = lock.getProperty("id");
        if (server == null || key == null) {
            return;
        }
        long timeout = ConnectTimeout.current().toMillis();
        try (Connection answered = connect(spec, server, key, timeout)) {
            return;
        } catch (SQLException e) {
            if (!timedOut(e)) {
                return; // Gone (refused) or refusing us: H2 finds that out by itself, at once.
            }
        }
        throw noAnswer(file, server);
    }

    private static FlotillaException noAnswer(Path file, String server) {
        java.util.Optional<Long> pid = ServingProcess.of(server);
        String pidArgument = pid.map(p -> " " + p).orElse("");
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "The control plane " + file + " is served by "
                + ServingProcess.describe(pid) + " at " + server + " (its lock file " + file + ".lock.db says so), which gave"
                + " no answer within " + ConnectTimeout.current().toMillis() / 1000.0 + " s (deploy.connectTimeout,"
                + " --connect-timeout). If that process is busy, wait and run this again; if it is frozen (stopped with kill"
                + " -STOP, a paused VM or container), resume it (kill -CONT" + pidArgument + ") or kill it (kill" + pidArgument
                + "): the file is then free, and a deployment it ran is interrupted and taken up by deploy --resume.");
    }

    private static Properties lockFile(Path path) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // No lock file (nobody has the file open) or one being written: H2 reads it itself.
        }
        return properties;
    }

    /** What H2's own client does with a lock file's server: connects to its key, here with a bound on every read. */
    private static Connection connect(TargetSpec spec, String server, String key, long timeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", spec.user() == null ? "" : spec.user());
        properties.setProperty("password", spec.password() == null ? "" : spec.password().reveal());
        String url = "jdbc:h2:tcp://" + server + "/" + key + ";NETWORK_TIMEOUT=" + timeout;
        return new org.h2.Driver().connect(url, properties);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
