package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who did what to which tenant or deployment, and when. Append-only. */
public final class AuditLog {
    /** One entry; tenant and deployment may be null. */
    public record Entry(long id, Instant at, String actor, String action, String tenant, String deployment, String details) {
    }

    private final ControlPlane plane;

    AuditLog(ControlPlane plane) {
        this.plane = plane;
    }

    public void record(String actor, String action, String tenant, String deployment, String details) {
        plane.with("writing the audit log", c -> Jdbc.update(c, "INSERT INTO audit_log (happened_at, actor, action,"
                + " tenant_id, deployment_id, details) VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(Instant.now()), actor,
                action, tenant, deployment, details == null || details.length() <= 4000 ? details : details.substring(0, 4000)));
    }

    /** The newest entries first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        return plane.with("reading the audit log", c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT id, happened_at, actor, action, tenant_id,"
                    + " deployment_id, details FROM audit_log ORDER BY id DESC");
                 ResultSet r = statement.executeQuery()) {
                while (r.next() && entries.size() < limit) {
                    entries.add(new Entry(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7)));
                }
            }
            return entries;
        });
    }
}
