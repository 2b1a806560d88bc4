package dev.flotilla.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The file an embedded database URL names (SQLite, H2 {@code file:}), which its driver creates, empty, on
 * connecting when it is not there. A target whose file is not there is read through a stand-in, an empty
 * database in memory, so that reading a tenant never makes a file: only a deploy creates it.
 */
public record DatabaseFile(Path path, String dialect) {
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String H2 = "jdbc:h2:";

    /** The file {@code url} names; empty for a server or an in-memory database. */
    public static Optional<DatabaseFile> of(String url) {
        if (url.startsWith(SQLITE)) {
            String path = url.substring(SQLITE.length()).split("\\?")[0];
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            }
            return path.isEmpty() || path.contains(":memory:") ? Optional.empty()
                    : Optional.of(new DatabaseFile(Path.of(path), "sqlite"));
        }
        if (url.startsWith(H2)) {
            String path = url.substring(H2.length()).split(";")[0];
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            } else if (path.matches("^[a-z]{2,}:.*")) {
                return Optional.empty(); // mem:, tcp:, ssl:, zip:, split:...
            }
            if (path.startsWith("~")) {
                path = System.getProperty("user.home") + path.substring(1);
            }
            return path.isEmpty() ? Optional.empty() : Optional.of(new DatabaseFile(Path.of(path + ".mv.db"), "h2"));
        }
        return Optional.empty();
    }

    /** Whether the file is there (for H2, also in its older {@code .h2.db} format). */
    boolean exists() {
        if ("h2".equals(dialect)) {
            String name = path.toString();
            return Files.exists(path) || Files.exists(Path.of(name.substring(0, name.length() - ".mv.db".length()) + ".h2.db"));
        }
        return Files.exists(path);
    }

    /**
     * Creates the folders the file is to be in, for a deploy that creates the file: SQLite's driver makes the file but
     * not its folder ({@code tenants/} of {@code jdbc:sqlite:tenants/{tenant}.db} on the first deploy).
     */
    void createFolder() {
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.CONNECTION_FAILED, "Cannot create the folder "
                    + folder + " of the database file " + path.getFileName() + ": " + e + ". Check the path and that this"
                    + " user may create folders there.", e);
        }
    }

    /** A spec for an empty database in memory that reads as the missing file would if it were empty. */
    TargetSpec standIn(TargetSpec spec) {
        String url = "sqlite".equals(dialect) ? "jdbc:sqlite::memory:"
                : "jdbc:h2:mem:flotilla_absent_" + UUID.randomUUID().toString().replace("-", "");
        return new TargetSpec(url, spec.user(), spec.password(), spec.schema(), spec.historyTable());
    }
}
