package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deployments and their per-tenant tasks. Every state change is committed at once, so a crash leaves an
 * exact record to resume from.
 */
public final class DeploymentStore {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A task to create: the tenant, its wave (0 = canary), and for a rollback what to undo. */
    public record NewTask(TenantId tenant, int wave, String request) {
        public NewTask(TenantId tenant, int wave) {
            this(tenant, wave, null);
        }
    }

    /** Between the logs of two runs of a task (a retry, a resume). */
    private static final String NEXT_ATTEMPT = "--- next attempt ---\n";

    private final ControlPlane plane;

    DeploymentStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** Creates a running deployment with a pending task per tenant; returns its id. */
    public String create(String startedBy, String options, List<NewTask> tasks) {
        return create("deploy", null, startedBy, options, tasks);
    }

    /**
     * Creates a running deployment of {@code kind} ({@code deploy} or {@code rollback}, which names the
     * deployment it undoes in {@code rollsBack}, or null) with a pending task per tenant; returns its id.
     */
    public String create(String kind, String rollsBack, String startedBy, String options, List<NewTask> tasks) {
        String id = "d" + ID_TIME.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        plane.together("creating deployment " + id, () -> plane.write("creating deployment " + id, c -> {
            Jdbc.update(c, "INSERT INTO deployments (id, status, started_at, started_by, runner, options, total, kind,"
                    + " rolls_back, heartbeat_at, heartbeat_ms) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)",
                    id, PlaneTime.now(), startedBy, Runner.current(), options, tasks.size(), kind, rollsBack,
                    plane.heartbeat().toMillis());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO deployment_tasks (deployment_id, tenant_id,"
                    + " seq, wave, status, attempts, request) VALUES (?, ?, ?, ?, 'pending', 0, ?)")) {
                for (int i = 0; i < tasks.size(); i++) {
                    insert.setString(1, id);
                    insert.setString(2, tasks.get(i).tenant().value());
                    insert.setInt(3, i);
                    insert.setInt(4, tasks.get(i).wave());
                    insert.setString(5, tasks.get(i).request());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        }));
        return id;
    }

    /**
     * A task began {@code at} (when it did, not when a batch of records is written) in this process, whose time zone (the
     * JVM's) is kept with it: the zone the process writes the target's history times in, for a process in another zone to
     * read back what the task applied should this one die (no write of its own: one statement with the start).
     */
    public void taskStarted(String deployment, TenantId tenant, Instant at) {
        String zone = ZoneId.systemDefault().getId();
        plane.write("starting a task", c -> Jdbc.update(c, "UPDATE deployment_tasks SET status = 'running', attempts ="
                + " attempts + 1, started_at = ?, time_zone = ?, finished_at = NULL, error = NULL,"
                + " failed_migration = NULL, failed_check = NULL WHERE deployment_id = ? AND tenant_id = ?",
                PlaneTime.of(at), zone, deployment, tenant.value()));
    }

    /**
     * A task ended ({@link TaskEnd}). A retry or resume of the deployment adds to what the task's earlier runs applied
     * (which a rollback of the deployment must undo too) and to their log; the attempts this run made, counted one when
     * it started, add their retries to its recorded attempts, across every run of the deployment.
     */
    public void taskFinished(String deployment, TenantId tenant, TaskEnd end) {
        TaskError error = end.error();
        int retries = Math.max(0, end.attempts() - 1);
        // Added to the earlier attempts' in the same statement: no read of the row first, on the writer's thread.
        String now = String.join(",", end.applied());
        plane.write("finishing a task", c -> Jdbc.update(c, "UPDATE deployment_tasks SET status = ?, finished_at = ?,"
                + " attempts = attempts + ?,"
                + " applied = CASE WHEN applied IS NULL OR applied = '' THEN ? WHEN ? = '' THEN applied"
                + " ELSE CONCAT(applied, ',', ?) END,"
                + " error_code = ?, error = ?, failed_migration = ?, failed_check = ?,"
                + " log = LEFT(CASE WHEN log IS NULL OR log = '' THEN ? ELSE CONCAT(log, ?, ?) END, 1000000)"
                + " WHERE deployment_id = ? AND tenant_id = ?", end.status().word(), PlaneTime.of(end.at()), retries, now, now,
                now, error.code() == null ? null : error.code().name(), truncate(error.message(), 8000),
                truncate(error.migration(), 200), truncate(error.check(), 200), end.log(), end.logStarted() ? "" : NEXT_ATTEMPT,
                end.log(), deployment, tenant.value()));
    }

    /**
     * Adds lines to a running task's log as they are written, before it ends (a process killed mid-task leaves them);
     * {@code firstOfRun}: the first lines of this run of the task, after an earlier run's log, if any, as
     * {@link #taskFinished} would add them.
     */
    public void taskLogged(String deployment, TenantId tenant, String lines, boolean firstOfRun) {
        plane.write("writing a task's log", c -> Jdbc.update(c, "UPDATE deployment_tasks SET"
                + " log = LEFT(CASE WHEN log IS NULL OR log = '' THEN ? ELSE CONCAT(log, ?, ?) END, 1000000)"
                + " WHERE deployment_id = ? AND tenant_id = ?", lines, firstOfRun ? NEXT_ATTEMPT : "", lines, deployment,
                tenant.value()));
    }

    /**
     * Records, once, what the target's history says an interrupted task's dead process applied, the task's
     * {@code INTERRUPTED} error, and a line for its log; only while the task is still recorded running and not read
     * before (a process thought dead that finishes the task after all overwrites the error; its applied stays its own).
     * Whether it was recorded.
     */
    public boolean taskReconciled(String deployment, TenantId tenant, List<String> applied, String error, String logLine) {
        return plane.write("recording an interrupted task", c -> Jdbc.update(c, "UPDATE deployment_tasks SET"
                + " interrupted_applied = ?, reconciled_at = CURRENT_TIMESTAMP, error_code = ?, error = ?,"
                + " log = LEFT(CASE WHEN log IS NULL OR log = '' THEN ? ELSE CONCAT(log, ?) END, 1000000)"
                + " WHERE deployment_id = ? AND tenant_id = ? AND status = 'running' AND reconciled_at IS NULL",
                truncate(String.join(",", applied), 4000), ErrorCode.INTERRUPTED.name(), truncate(error, 8000), logLine,
                logLine, deployment, tenant.value()) == 1);
    }

    /**
     * The error {@link #taskReconciled} gave the task of {@code deployment} on {@code tenant}, whose process died with
     * it running; null while its target's history was not read back.
     */
    String reconciledError(String deployment, TenantId tenant) {
        return plane.with("reading an interrupted task", c -> Jdbc.queryString(c, "SELECT error FROM deployment_tasks"
                + " WHERE deployment_id = ? AND tenant_id = ? AND status = 'running' AND reconciled_at IS NOT NULL",
                deployment, tenant.value()));
    }

    /** Puts tasks in the given states back to pending, and the deployment back to running under this process. */
    public int reopen(String deployment, List<TaskStatus> states) {
        return plane.write("reopening deployment " + deployment, c -> {
            Jdbc.update(c, "UPDATE deployments SET status = 'running', finished_at = NULL, runner = ?,"
                    + " stop_requested_by = NULL, stop_requested_at = NULL, heartbeat_at = CURRENT_TIMESTAMP, heartbeat_ms = ? WHERE id = ?", Runner.current(),
                    plane.heartbeat().toMillis(), deployment);
            int reopened = 0;
            for (TaskStatus state : states) {
                // What was read for an interrupted task goes: the resume reads the history back itself, into applied.
                reopened += Jdbc.update(c, "UPDATE deployment_tasks SET status = 'pending', interrupted_applied = NULL,"
                        + " reconciled_at = NULL WHERE deployment_id = ? AND status = ?", deployment, state.word());
            }
            return reopened;
        });
    }

    public void finish(String deployment, DeploymentStatus status) {
        plane.write("finishing deployment " + deployment, c -> Jdbc.update(c, "UPDATE deployments SET status = ?,"
                + " finished_at = ? WHERE id = ?", status.word(), PlaneTime.now(), deployment));
    }

    public Optional<DeploymentRecord> find(String id) {
        return query("WHERE d.id = ?", id).stream().findFirst();
    }

    /** A deployment that must exist, or an error naming it. */
    public DeploymentRecord require(String id) {
        return find(id).orElseThrow(() -> new FlotillaException(ErrorCode.BAD_USAGE, "No deployment " + id
                + " in the control plane; see `flotilla deployments list`."));
    }

    /** Newest first. */
    public List<DeploymentRecord> newest(int limit) {
        return page(0, limit);
    }

    /** A page of deployments, newest first. */
    public List<DeploymentRecord> page(int offset, int limit) {
        return query("ORDER BY d.started_at DESC, d.id DESC LIMIT ? OFFSET ?", limit, offset);
    }

    /** The rollback started of {@code deployment}, newest first if there were several, or empty. */
    public Optional<DeploymentRecord> rollbackOf(String deployment) {
        return query("WHERE d.rolls_back = ? ORDER BY d.started_at DESC", deployment).stream().findFirst();
    }

    /** Which of these deployments are rollbacks, in one read (a tenant's backups name the runs they were taken before). */
    public java.util.Set<String> rollbacksAmong(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(plane.with("reading which deployments are rollbacks", c -> Jdbc.queryStrings(c,
                "SELECT id FROM deployments WHERE kind = 'rollback' AND id IN (" + Jdbc.marks(ids.size()) + ")", ids.toArray())));
    }

    public int count() {
        return plane.with("counting deployments", c -> Integer.parseInt(Jdbc.queryString(c, "SELECT COUNT(*) FROM deployments")));
    }

    /** The deployments still running (their heartbeat fresh), newest first. */
    public List<DeploymentRecord> running() {
        return query("WHERE d.status = 'running' ORDER BY d.started_at DESC").stream()
                .filter(d -> d.status() == DeploymentStatus.RUNNING).toList();
    }

    /**
     * The deployments (rollbacks too) whose task for {@code tenant} is recorded as running, or ended at or after
     * {@code since}, the latest started first: those that may have held its target lock since then.
     */
    public List<String> workingOn(TenantId tenant, Instant since) {
        return plane.with("reading tasks", c -> Jdbc.queryStrings(c, "SELECT deployment_id FROM deployment_tasks"
                + " WHERE tenant_id = ? AND (status = 'running' OR finished_at >= ?) ORDER BY started_at DESC", tenant.value(),
                PlaneTime.of(since)));
    }

    /** The deployment's tasks in order; those recorded as running are interrupted when the deployment is. */
    public List<TaskRecord> tasks(String deployment) {
        boolean interrupted = find(deployment).map(d -> d.status() == DeploymentStatus.INTERRUPTED).orElse(false);
        return tasks("WHERE t.deployment_id = ? ORDER BY t.seq", interrupted, deployment);
    }

    /**
     * The tasks on {@code tenant} of the deployments other than {@code except} going the same way (rollbacks when
     * {@code rollbacks}, else deployments) that were recorded as running, or ended at or after {@code since}: the
     * versions each applied (or undid), a killed one's as read back too, are its own.
     */
    public List<TaskRecord> othersOnTenantSince(TenantId tenant, String except, boolean rollbacks, Instant since) {
        return tasks("JOIN deployments d ON d.id = t.deployment_id WHERE t.tenant_id = ? AND t.deployment_id <> ?"
                + " AND CASE WHEN d.kind = 'rollback' THEN 1 ELSE 0 END = ? AND (t.status = 'running' OR t.finished_at >= ?)",
                true, tenant.value(), except, rollbacks ? 1 : 0, PlaneTime.of(since));
    }

    private List<TaskRecord> tasks(String where, boolean interrupted, Object... parameters) {
        return TaskRow.select(plane, where, interrupted, parameters);
    }

    private List<DeploymentRecord> query(String where, Object... parameters) {
        return DeploymentRow.select(plane, where, parameters);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
