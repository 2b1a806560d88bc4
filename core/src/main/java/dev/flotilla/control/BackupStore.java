package dev.flotilla.control;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where each backup is, how big, its SHA-256, how long it took, and the schema fingerprint it was taken at. */
public final class BackupStore {
    /**
     * One tenant's backup.
     *
     * @param backupId the run it was taken in, which restore takes: the deployment's id, or {@code manual-<time>}
     * @param deployment null for one taken on demand
     * @param fingerprintFormat the {@link SchemaSnapshot#FINGERPRINT_FORMAT} the fingerprint was computed in: a backup taken
     *     by an earlier version is checked in its own format
     */
    public record BackupRecord(long id, String backupId, String deployment, TenantId tenant, Path path, long sizeBytes,
                               String sha256, long millis, String fingerprint, int fingerprintFormat, Instant createdAt) {
        /** As {@code backups list --json} shows it, in the command line's and the API's words alike. */
        public java.util.Map<String, Object> asMap() {
            java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("id", backupId);
            entry.put("tenant", tenant.value());
            entry.put("takenAt", createdAt.toString());
            entry.put("sizeBytes", sizeBytes);
            entry.put("deployment", deployment);
            entry.put("path", path.toString());
            entry.put("sha256", sha256);
            return entry;
        }
    }

    private static final String COLUMNS = "id, backup_id, deployment_id, tenant_id, path, size_bytes, sha256, millis, fingerprint,"
            + " fingerprint_format, created_at";

    private final ControlPlane plane;

    BackupStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** Records a backup just written, its fingerprint of the current format; returns it as stored. */
    public BackupRecord record(String backupId, String deployment, TenantId tenant, Path path, long sizeBytes, String sha256,
                               long millis, String fingerprint) {
        plane.write("recording a backup", c -> Jdbc.update(c, "INSERT INTO backups (backup_id, deployment_id, tenant_id, path,"
                + " size_bytes, sha256, millis, fingerprint, fingerprint_format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                backupId, deployment, tenant.value(), path.toString(), sizeBytes, sha256, millis, fingerprint,
                SchemaSnapshot.FINGERPRINT_FORMAT, PlaneTime.now()));
        return query("WHERE tenant_id = ? AND path = ? ORDER BY id DESC", tenant.value(), path.toString()).get(0);
    }

    /** The backup taken of the tenant for the deployment, if any is still kept. */
    public Optional<BackupRecord> forDeployment(String deployment, TenantId tenant) {
        List<BackupRecord> found = query("WHERE deployment_id = ? AND tenant_id = ? AND NOT deleted ORDER BY id DESC",
                deployment, tenant.value());
        return found.stream().findFirst();
    }

    /** The tenant's backup of the run {@code backupId} (a deployment's id or {@code manual-<time>}), if still kept. */
    public Optional<BackupRecord> find(String backupId, TenantId tenant) {
        return query("WHERE backup_id = ? AND tenant_id = ? AND NOT deleted ORDER BY id DESC", backupId, tenant.value())
                .stream().findFirst();
    }

    /**
     * The tenants the run's file at {@code path} was recorded for, in the order recorded: the tenant alone, or every tenant
     * sharing its target (shared-schema), backed up once and restored together.
     */
    public List<TenantId> tenantsOf(String backupId, Path path) {
        return query("WHERE backup_id = ? AND path = ? AND NOT deleted ORDER BY id", backupId, path.toString()).stream()
                .map(BackupRecord::tenant).toList();
    }

    /**
     * What of a deployment's backups is still kept.
     *
     * @param tenants the tenants backed up (a shared file counted per tenant)
     * @param files their files: fewer than tenants where tenants share a schema
     */
    public record Kept(int tenants, int files) {
    }

    public Kept keptFor(String deployment) {
        List<String> row = plane.with("reading backups", c -> Jdbc.queryRow(c,
                "SELECT COUNT(*), COUNT(DISTINCT path) FROM backups WHERE deployment_id = ? AND NOT deleted", deployment));
        return new Kept(Integer.parseInt(row.get(0)), Integer.parseInt(row.get(1)));
    }

    /** The tenants a kept backup taken before {@code deployment} is of. */
    public java.util.Set<String> keptTenants(String deployment) {
        return new java.util.HashSet<>(plane.with("reading backups", c -> Jdbc.queryStrings(c,
                "SELECT DISTINCT tenant_id FROM backups WHERE deployment_id = ? AND NOT deleted", deployment)));
    }

    /** Whether any file of the run {@code backupId} is still kept. */
    public boolean exists(String backupId) {
        return plane.with("reading backups", c -> Jdbc.queryString(c, "SELECT id FROM backups WHERE backup_id = ? AND NOT deleted LIMIT 1",
                backupId) != null);
    }

    /** Whether the run {@code backupId} ever backed a tenant up, its files kept or since deleted by backup.keep. */
    public boolean everTaken(String backupId) {
        return plane.with("reading backups", c -> Jdbc.queryString(c, "SELECT id FROM backups WHERE backup_id = ? LIMIT 1",
                backupId) != null);
    }

    /** The newest kept backups, of one tenant or (null) of all, newest first. */
    public List<BackupRecord> newest(TenantId tenant, int limit) {
        return tenant == null ? query("WHERE NOT deleted ORDER BY id DESC LIMIT ?", limit)
                : query("WHERE tenant_id = ? AND NOT deleted ORDER BY id DESC LIMIT ?", tenant.value(), limit);
    }

    /** Every kept backup, newest first. */
    public List<BackupRecord> all() {
        return query("WHERE NOT deleted ORDER BY id DESC");
    }

    public void markDeleted(long id) {
        plane.write("marking a backup deleted", c -> Jdbc.update(c, "UPDATE backups SET deleted = TRUE WHERE id = ?", id));
    }

    private List<BackupRecord> query(String where, Object... parameters) {
        return plane.with("reading backups", c -> {
            List<BackupRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM backups " + where, parameters);
                 ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    records.add(new BackupRecord(r.getLong(1), r.getString(2), r.getString(3), TenantId.of(r.getString(4)),
                            Path.of(r.getString(5)), r.getLong(6), r.getString(7), r.getLong(8), r.getString(9),
                            r.getInt(10), PlaneTime.read(r, 11)));
                }
            }
            return records;
        });
    }
}
