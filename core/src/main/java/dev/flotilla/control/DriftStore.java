package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.run.ReferenceCache;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drift: the fingerprint of the expected schema of each distinct history (so a later check needs no scratch
 * build), and every tenant's checks, the newest shown on the dashboard and the tenant's page.
 */
public final class DriftStore implements ReferenceCache {
    private final ControlPlane plane;

    DriftStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** A tenant's newest drift check. */
    public record LastDrift(Instant at, TenantDrift drift) {
    }

    /**
     * The remembered fingerprint, only if it is of the current {@link SchemaSnapshot#FINGERPRINT_FORMAT}: one an earlier
     * version remembered covers less of a schema, and compared with a live fingerprint it would make every tenant
     * look drifted; the reference is built again instead, once.
     */
    @Override
    public Optional<String> fingerprint(String historyKey) {
        return Optional.ofNullable(plane.with("reading drift references", c -> Jdbc.queryString(c,
                "SELECT fingerprint FROM drift_references WHERE history_key = ? AND fingerprint_format = ?", historyKey,
                SchemaSnapshot.FINGERPRINT_FORMAT)));
    }

    @Override
    public void remember(String historyKey, String dialect, String fingerprint) {
        plane.replacing("remembering a drift reference", () -> plane.write("remembering a drift reference", c -> {
            Jdbc.update(c, "DELETE FROM drift_references WHERE history_key = ?", historyKey);
            return Jdbc.update(c, "INSERT INTO drift_references (history_key, dialect, fingerprint, fingerprint_format, built_at)"
                    + " VALUES (?, ?, ?, ?, ?)", historyKey, dialect, fingerprint, SchemaSnapshot.FINGERPRINT_FORMAT,
                    PlaneTime.now());
        }));
    }

    /** Records one check of every tenant, in one transaction. */
    public void record(List<TenantDrift> drifts) {
        java.time.OffsetDateTime now = PlaneTime.now();
        plane.together("recording drift checks", () -> plane.write("recording drift checks", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO drift_checks (tenant_id, checked_at, status,"
                    + " fingerprint, expected, diff, reason, acceptance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TenantDrift drift : drifts) {
                    insert.setString(1, drift.tenant().value());
                    insert.setObject(2, now);
                    insert.setString(3, drift.statusWord());
                    insert.setString(4, drift.fingerprint());
                    insert.setString(5, drift.expected());
                    insert.setString(6, drift.diff().isEmpty() ? null : DiffText.of(drift.diff()));
                    insert.setString(7, drift.reason() == null ? null : truncate(drift.reason()));
                    insert.setString(8, drift.acceptance() == null ? null : truncate(drift.acceptance(), 1000));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
    }

    public Optional<LastDrift> latest(TenantId tenant) {
        return plane.with("reading drift checks", c -> {
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT checked_at, status, fingerprint, expected, diff, reason,"
                    + " acceptance FROM drift_checks WHERE tenant_id = ? ORDER BY id DESC LIMIT 1", tenant.value());
                 ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String diff = r.getString(5);
                String word = r.getString(2);
                // A tenant not read is kept by what stopped the read (TenantDrift#statusWord): its code says it again.
                ErrorCode unread = switch (word) {
                    case "refused" -> ErrorCode.AUTHENTICATION_FAILED;
                    case "locked" -> ErrorCode.LOCK_TIMEOUT;
                    default -> null;
                };
                TenantDrift.Status status = unread != null ? TenantDrift.Status.UNREACHABLE
                        : TenantDrift.Status.valueOf(word.toUpperCase(java.util.Locale.ROOT));
                return Optional.of(new LastDrift(PlaneTime.read(r, 1), new TenantDrift(tenant, null, status, r.getString(3),
                        r.getString(4), diff == null ? null : DiffText.parse(diff), r.getString(6), unread, r.getString(7))));
            }
        });
    }

    /**
     * How many tenants stand in each status by their newest check (tenants never checked are left out); one not read is
     * counted by what stopped the read: {@code refused}, {@code locked} or {@code unreachable}, as the drift check says it.
     */
    public Map<String, Integer> summary() {
        return plane.with("reading drift checks", c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT d.status, COUNT(*) FROM drift_checks d WHERE d.id ="
                    + " (SELECT MAX(x.id) FROM drift_checks x WHERE x.tenant_id = d.tenant_id) GROUP BY d.status ORDER BY 1");
                 ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
            return counts;
        });
    }

    /** The tenants whose newest check found drift, at most {@code limit}. */
    public List<String> drifted(int limit) {
        return plane.with("reading drift checks", c -> Jdbc.queryStrings(c, "SELECT d.tenant_id FROM drift_checks d WHERE"
                + " d.status = 'drifted' AND d.id = (SELECT MAX(x.id) FROM drift_checks x WHERE x.tenant_id = d.tenant_id)"
                + " ORDER BY d.tenant_id LIMIT " + Math.max(1, limit)));
    }

    private static String truncate(String text) {
        return truncate(text, 4000);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
