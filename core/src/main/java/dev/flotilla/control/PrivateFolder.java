package dev.flotilla.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The embedded control plane's files are its owner's alone. They hold the tenants' URLs, the console's users and the
 * audit log, and while a process serves the file its lock file holds the server's port and key: whoever reads it
 * can connect and change where the next deploy sends the tenants' password. Where the file system has POSIX
 * permissions, the folder Flotilla creates for it is {@code rwx------}, its default folder {@code .flotilla} is made so
 * when it was left open to others (by an earlier version), and the files H2 makes are {@code rw-------} once opened
 * (a folder of the user's choosing that others may read keeps its mode; the files in it are still closed to them).
 */
final class PrivateFolder {
    /** The folder Flotilla keeps its embedded control plane in, which no one else has a reason to read. */
    static final String DEFAULT_NAME = ".flotilla";
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** What H2 keeps beside a database named {@code control}: its data, its lock (port and key), its trace. */
    private static final String[] H2_FILES = {".mv.db", ".lock.db", ".trace.db"};

    private PrivateFolder() {
    }

    /** Creates {@code folder} owner-only when it is missing; makes Flotilla's own default folder owner-only when it is not. */
    static void prepare(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            restrict(folder, FOLDER);
        } else if (folder.getFileName() != null && folder.getFileName().toString().equals(DEFAULT_NAME) && openToOthers(folder)) {
            restrict(folder, FOLDER);
        }
    }

    /**
     * Makes the files H2 keeps for the database at {@code base} (a path without H2's suffix) owner-only; a file this
     * user does not own (a control plane shared through group permissions) is left as it is.
     */
    static void restrictFiles(Path base) {
        for (String suffix : H2_FILES) {
            Path file = base.resolveSibling(base.getFileName() + suffix);
            try {
                if (Files.isRegularFile(file) && openToOthers(file)) {
                    restrict(file, FILE);
                }
            } catch (IOException e) {
                // Not this user's file, or gone already (the lock file of a process that just closed): nothing to do.
            }
        }
    }

    private static boolean openToOthers(Path path) throws IOException {
        if (!posix(path)) {
            return false;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        return mode.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
