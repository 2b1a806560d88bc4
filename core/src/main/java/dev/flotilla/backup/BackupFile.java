package dev.flotilla.backup;

import dev.flotilla.target.ChildProcesses;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** A backup's file: what it is named, and its writing, which leaves either the whole file or none. */
final class BackupFile {
    private BackupFile() {
    }

    /**
     * Has the tool write the backup into a new owner-only file; one it leaves half-written (it failed: a full disk, a
     * lost connection) is deleted, as is one the process is stopped (SIGTERM, Ctrl-C) while writing.
     */
    static void write(BackupTool tool, TargetSession session, Path file) throws SQLException, IOException {
        ChildProcesses.partial(file);
        try {
            OwnerOnly.newFile(file);
            tool.backup(session, file);
            OwnerOnly.file(file);
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException left) {
                e.addSuppressed(left);
            }
            throw e;
        } finally {
            ChildProcesses.complete(file);
        }
    }

    /**
     * A tenant's own target is named after the tenant; one that tenants share after the target, its schema (database on
     * MariaDB/MySQL) or, on SQLite and H2, its file: no tenant's name on a file holding every tenant's rows.
     */
    static String name(List<TenantId> tenants, TargetSpec target) {
        if (tenants.size() == 1) {
            return tenants.get(0).value();
        }
        String name = target.schema();
        if (name == null) {
            String path = target.url().replaceFirst("^jdbc:[a-z0-9]+:(file:|mem:)?", "").split("[;?]")[0];
            name = Path.of(path).getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
        }
        return "shared-" + name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
