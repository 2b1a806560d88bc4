package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The embedded control plane: one H2 file that concurrent processes (a deploy, the console, a status) share
 * through H2's auto-server: the first to open it serves it to the others over a local port.
 */
final class EmbeddedFile {
    private static final String PREFIX = "jdbc:h2:file:";
    /**
     * Every commit on disk at once, so a kill -9 loses no task state (H2 waits 500 ms by default): written to the file
     * before the commit returns (CommitSurvivesKillH2IT). Other sessions see a commit a moment before that (H2 makes it
     * visible, then writes it), so a reader through the serving process may see a commit that a kill of that process
     * in that moment loses (a process killed right after such a read lost it 8 times in 30); its writer was never told
     * it was made.
     */
    static final String SHARED_SETTINGS = ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    /** H2 reads a read-only file without its lock file or a server, and writes nothing, not even on closing. */
    private static final String READ_ONLY_SETTINGS = ";ACCESS_MODE_DATA=r";

    private static final String BIND_ADDRESS = "h2.bindAddress";

    static {
        // H2's auto-server listens on every network interface unless told otherwise, and records that address for the
        // other processes: the file lives on this machine's disk, so its server answers this machine only. A
        // -Dh2.bindAddress of the user's own (FLOTILLA_JAVA_OPTS) wins; H2 reads it once, when it is first used.
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    private EmbeddedFile() {
    }

    static String url(Path file) {
        return PREFIX + file.toAbsolutePath().normalize() + SHARED_SETTINGS;
    }

    /**
     * An H2 file URL ({@code jdbc:h2:file:path}, or {@code jdbc:h2:./path}) whose path is relative, with the path
     * resolved against {@code folder}; without settings of its own it gets the default's, so processes share it as
     * they share the default. Any other URL (absolute, {@code ~/}, in memory, a server) is returned as given.
     */
    static String resolve(String url, Path folder) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String resolved = dev.flotilla.sql.JdbcUrls.withFileIn(url, folder);
        return resolved.equals(url) || resolved.contains(";") ? resolved : resolved + SHARED_SETTINGS;
    }

    /**
     * The URL that opens the file read-only, for a URL with the shared settings and nothing else, or with no settings at
     * all (a file one process opens at a time: read-only, it is no more in the way of another than opened to write); null
     * for any other URL (a server, or settings of the user's own that this cannot vouch for) and for a file not made yet.
     */
    static String readOnlyUrl(String url) {
        if (!url.startsWith(PREFIX)) {
            return null;
        }
        String path = url.substring(PREFIX.length(), url.endsWith(SHARED_SETTINGS) ? url.length() - SHARED_SETTINGS.length()
                : url.length());
        if (path.contains(";") || !Files.isRegularFile(Path.of(path + ".mv.db"))) {
            return null;
        }
        return PREFIX + path + READ_ONLY_SETTINGS;
    }

    /** Creates the folder of an H2 file, owner-only (see {@link PrivateFolder}), or closes Flotilla's own to others. */
    static void createFolderOf(String url) {
        if (url.startsWith(PREFIX)) {
            Path parent = file(url).getParent();
            try {
                PrivateFolder.prepare(parent);
            } catch (IOException e) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "Cannot create the control-plane folder " + parent + ": " + e);
            }
        }
    }

    /** Makes the files H2 has made for the file at {@code url} owner-only, once it has opened them (see {@link PrivateFolder}). */
    static void restrictFilesOf(String url) {
        if (url.startsWith(PREFIX)) {
            PrivateFolder.restrictFiles(file(url));
        }
    }

    /** The database's path without H2's suffix ({@code .../control}). */
    private static Path file(String url) {
        return Path.of(url.substring(PREFIX.length()).split(";")[0]).toAbsolutePath();
    }

    /** Whether {@code url} is an embedded file shared through H2's auto-server, as Flotilla's own default is. */
    static boolean shared(String url) {
        return url.startsWith(PREFIX) && url.toUpperCase(java.util.Locale.ROOT).contains(";AUTO_SERVER=TRUE");
    }

    /**
     * Two processes opening the file at the same moment race for its lock file; H2 tells the loser "lock file
     * recently modified" (8000) or "already in use" (90020). A process opening it while the one serving it ends meets
     * that server going away (see {@link #handedOver}). A moment later the file is served again.
     */
    static boolean busy(String url, FlotillaException e) {
        return url.startsWith(PREFIX) && e.getCause() instanceof SQLException sql
                && (sql.getErrorCode() == 8000 || sql.getErrorCode() == 90020 || handedOver(sql));
    }

    /**
     * Whether {@code e} (or a cause of it) says that the process serving the file went away: the connection to it broke
     * (90067), the database was closing (90098), or the connection was already broken by that (90121, H2's "Database is
     * already closed", said by this side without asking any server).
     */
    static boolean handedOver(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && HANDOVER_CODES.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<Integer> HANDOVER_CODES = java.util.Set.of(90067, 90098, 90121);
}
