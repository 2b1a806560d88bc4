package dev.flotilla.control;

import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What each tenant's dry runs said: which versions, how it ended, the schema diff. A deployment's
 * {@code expected-objects} check compares the deployed schema with the newest dry run of the same versions.
 */
public final class DryRunStore {
    private final ControlPlane plane;

    DryRunStore(ControlPlane plane) {
        this.plane = plane;
    }

    public void record(TenantId tenant, List<String> versions, String status, SchemaDiff diff) {
        plane.with("recording a dry run", c -> Jdbc.update(c, "INSERT INTO dry_runs (tenant_id, ran_at, versions, status, diff)"
                + " VALUES (?, ?, ?, ?, ?)", tenant.value(), Timestamp.from(Instant.now()), String.join(",", versions), status,
                diff == null ? null : DiffText.of(diff)));
    }

    /** A tenant's newest dry run: when, of which versions, how it ended, what it would change. */
    public record LastDryRun(java.time.Instant at, String versions, String status, SchemaDiff diff) {
    }

    public Optional<LastDryRun> latest(TenantId tenant) {
        List<String> row = plane.with("reading dry runs", c -> Jdbc.queryRow(c, "SELECT ran_at, versions, status, diff FROM dry_runs"
                + " WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", tenant.value()));
        if (row == null || row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LastDryRun(Timestamp.valueOf(row.get(0)).toInstant(), row.get(1), row.get(2),
                row.get(3) == null ? null : DiffText.parse(row.get(3))));
    }

    /** The diff of the newest successful dry run of exactly these versions on the tenant. */
    public Optional<SchemaDiff> latestDiff(TenantId tenant, List<String> versions) {
        String text = plane.with("reading dry runs", c -> Jdbc.queryString(c, "SELECT diff FROM dry_runs WHERE tenant_id = ?"
                + " AND versions = ? AND status <> 'error' AND diff IS NOT NULL ORDER BY id DESC", tenant.value(),
                String.join(",", versions)));
        return text == null ? Optional.empty() : Optional.of(DiffText.parse(text));
    }
}
