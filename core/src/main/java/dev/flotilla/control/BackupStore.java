package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where each backup is, how big, its SHA-256, how long it took, and the schema fingerprint it was taken at. */
public final class BackupStore {
    /** One backup. @param deployment null for one taken on demand */
    public record BackupRecord(long id, String deployment, TenantId tenant, Path path, long sizeBytes, String sha256,
                               long millis, String fingerprint, Instant createdAt) {
    }

    private static final String COLUMNS = "id, deployment_id, tenant_id, path, size_bytes, sha256, millis, fingerprint, created_at";

    private final ControlPlane plane;

    BackupStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** Records a backup just written; returns it as stored. */
    public BackupRecord record(String deployment, TenantId tenant, Path path, long sizeBytes, String sha256, long millis,
                               String fingerprint) {
        plane.with("recording a backup", c -> Jdbc.update(c, "INSERT INTO backups (deployment_id, tenant_id, path, size_bytes,"
                + " sha256, millis, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", deployment, tenant.value(),
                path.toString(), sizeBytes, sha256, millis, fingerprint, Timestamp.from(Instant.now())));
        return query("WHERE tenant_id = ? AND path = ? ORDER BY id DESC", tenant.value(), path.toString()).get(0);
    }

    /** The backup taken of the tenant for the deployment, if any is still kept. */
    public Optional<BackupRecord> forDeployment(String deployment, TenantId tenant) {
        List<BackupRecord> found = query("WHERE deployment_id = ? AND tenant_id = ? AND NOT deleted ORDER BY id DESC",
                deployment, tenant.value());
        return found.stream().findFirst();
    }

    /** Every kept backup, newest first. */
    public List<BackupRecord> all() {
        return query("WHERE NOT deleted ORDER BY id DESC");
    }

    public void markDeleted(long id) {
        plane.with("marking a backup deleted", c -> Jdbc.update(c, "UPDATE backups SET deleted = TRUE WHERE id = ?", id));
    }

    private List<BackupRecord> query(String where, Object... parameters) {
        return plane.with("reading backups", c -> {
            List<BackupRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM backups " + where, parameters);
                 ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    records.add(new BackupRecord(r.getLong(1), r.getString(2), TenantId.of(r.getString(3)), Path.of(r.getString(4)),
                            r.getLong(5), r.getString(6), r.getLong(7), r.getString(8), r.getTimestamp(9).toInstant()));
                }
            }
            return records;
        });
    }
}
