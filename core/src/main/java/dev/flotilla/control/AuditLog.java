package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who did what to which tenant or deployment, when, from where and how it ended. Append-only: nothing updates or deletes. */
public final class AuditLog {
    private static final int DETAILS_LIMIT = 4000;
    private static final String COLUMNS = "id, happened_at, actor, action, tenant_id, deployment_id, details, outcome, source_ip";

    /**
     * One entry; tenant, deployment, outcome and source may be null.
     *
     * @param outcome {@code ok}, {@code denied}, {@code failed}; null where the action names its outcome
     * @param source the client's IP address for actions through the console or API
     */
    public record Entry(long id, Instant at, String actor, String action, String tenant, String deployment, String details,
                        String outcome, String source) {
    }

    /**
     * Entries to show: each non-null field must match exactly, but an action also matches its family ({@code deploy}:
     * {@code deploy.started}, {@code deploy.finished}...), and a tenant the entries of the deployments it took part in.
     */
    public record Filter(String actor, String action, String tenant) {
        public static final Filter ALL = new Filter(null, null, null);

        public Filter {
            actor = blankToNull(actor);
            action = blankToNull(action);
            tenant = blankToNull(tenant);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    private final ControlPlane plane;

    AuditLog(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * An action that was done (a deployment started, a tenant added, a drift check that ran): outcome {@code ok}, as
     * the README promises of every entry; one that failed or was refused says so with the outcome of its own.
     */
    public void record(String actor, String action, String tenant, String deployment, String details) {
        record(actor, action, tenant, deployment, details, "ok", null);
    }

    public void record(String actor, String action, String tenant, String deployment, String details, String outcome,
                       String source) {
        plane.write("writing the audit log", c -> Jdbc.update(c, "INSERT INTO audit_log (happened_at, actor, action,"
                + " tenant_id, deployment_id, details, outcome, source_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                PlaneTime.now(), actor, action, tenant, deployment, limited(plane.scrub(details)), outcome, source));
    }

    private static String limited(String details) {
        return details == null || details.length() <= DETAILS_LIMIT ? details : details.substring(0, DETAILS_LIMIT);
    }

    /** The newest entries first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        return page(Filter.ALL, 0, limit);
    }

    /** A page of the entries matching the filter, newest first. */
    public List<Entry> page(Filter filter, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        parameters.add(limit);
        parameters.add(offset);
        return plane.with("reading the audit log", c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM audit_log" + where
                    + " ORDER BY id DESC LIMIT ? OFFSET ?", parameters.toArray()); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    entries.add(entry(r));
                }
            }
            return entries;
        });
    }

    /** The entries of one deployment with one of these actions, oldest first: who resumed it or retried its failed tenants. */
    public List<Entry> ofDeployment(String deployment, java.util.Collection<String> actions) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(deployment);
        parameters.addAll(actions);
        String marks = Jdbc.marks(actions.size());
        return plane.with("reading the audit log", c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM audit_log WHERE deployment_id = ?"
                    + " AND action IN (" + marks + ") ORDER BY id", parameters.toArray()); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    entries.add(entry(r));
                }
            }
            return entries;
        });
    }

    public int count(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        return plane.with("counting the audit log", c -> Integer.parseInt(Jdbc.queryString(c, "SELECT COUNT(*) FROM audit_log" + where,
                parameters.toArray())));
    }

    private static Entry entry(ResultSet r) throws java.sql.SQLException {
        return new Entry(r.getLong(1), PlaneTime.read(r, 2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9));
    }

    private static String where(Filter filter, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            conditions.add("actor = ?");
            parameters.add(filter.actor());
        }
        if (filter.action() != null) {
            // "deploy" finds deploy.started, deploy.finished...: the family, as a reader names it.
            conditions.add("(action = ? OR action LIKE ?)");
            parameters.add(filter.action());
            parameters.add(TenantFilter.literal(filter.action()) + ".%");
        }
        if (filter.tenant() != null) {
            // A deployment's own entries (requested, started, finished, rolled back) name no one tenant: they are the
            // tenant's too when it was one of the deployment's tasks.
            conditions.add("(tenant_id = ? OR deployment_id IN (SELECT deployment_id FROM deployment_tasks WHERE tenant_id = ?))");
            parameters.add(filter.tenant());
            parameters.add(filter.tenant());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
