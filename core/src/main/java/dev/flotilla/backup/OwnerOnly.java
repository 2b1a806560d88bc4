package dev.flotilla.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Backups hold every row of a tenant: their folders are {@code rwx------} and their files {@code rw-------} where
 * the file system has POSIX permissions (elsewhere, such as on Windows, the folder's own access rules apply). A
 * backup file is created owner-only before the dump program writes into it (which keeps the file's mode), and
 * restricted again once written, in case a program replaced it.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Makes the folder owner-only, creating it and its missing parents (owner-only too) when they are not there. */
    static void folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        missingParents(absolute);
        Files.createDirectories(absolute);
        restrict(absolute, FOLDER);
    }

    /** Creates a new owner-only folder, failing with {@link java.nio.file.FileAlreadyExistsException} if it exists. */
    static void newFolder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        missingParents(absolute);
        Files.createDirectory(absolute);
        restrict(absolute, FOLDER);
    }

    /** Creates the folders above {@code path} that are missing, owner-only; those already there are left as they are. */
    private static void missingParents(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            missingParents(parent);
            Files.createDirectories(parent);
            restrict(parent, FOLDER);
        }
    }

    /**
     * Creates an empty file readable and writable by its owner only, for a program to write into: it is never
     * readable by others, not even half-written.
     */
    static void newFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(file);
        }
    }

    /** Makes a file just written readable and writable by its owner only. */
    static void file(Path file) throws IOException {
        restrict(file, FILE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
