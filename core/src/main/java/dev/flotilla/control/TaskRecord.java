package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's task in a deployment: its state, attempts, timings, what it applied (or rolled back), its error
 * and log.
 *
 * @param code the failed task's error code; null otherwise, or for a task recorded before codes were
 * @param request for a rollback task, what to undo ({@code steps=2 newest=4}, {@code to=2}); null otherwise
 * @param reconciledAt for an interrupted task, when its target's history was read for what its dead process had applied
 *     (then in {@code applied}, its error {@code INTERRUPTED}); null while not read, and for every other task
 * @param migration for a failed task, the version (or script) its failure is about; null when about none, for every
 *     other task, and for a task recorded before it was kept
 * @param check for a task failed by a check ({@code CHECK_FAILED}), the id of the (first) check that failed; null otherwise
 * @param zone the time zone of the process that last started the task, in which it wrote the target's history times
 *     ({@code installed_on}); null for a task not started, or started before it was kept (control-plane V21)
 */
public record TaskRecord(String deploymentId, TenantId tenant, int seq, int wave, TaskStatus status, int attempts,
                         Instant startedAt, Instant finishedAt, List<String> applied, ErrorCode code, String error, String log,
                         String request, Instant reconciledAt, String migration, String check, ZoneId zone) {
    public TaskRecord {
        applied = List.copyOf(applied);
    }

    /** Whether the task's process died mid-task and its target's history has not been read for it yet. */
    public boolean awaitsReconciling() {
        return status == TaskStatus.INTERRUPTED && reconciledAt == null;
    }

    /**
     * What the statements its migrations ran created and dropped, as its log says them (a line per kind, written as each
     * migration ended): none for a task recorded before they were, or whose statements created or dropped nothing
     * that their text tells.
     */
    public dev.flotilla.schema.SchemaChanges changes() {
        return dev.flotilla.schema.SchemaChanges.inLog(log);
    }

    /**
     * What this attempt's statements created and dropped: as {@link #changes()}, without what the log of {@code earlier}
     * (this task as an earlier attempt left it, null for none) already said. A log that does not go on from the earlier
     * one (written anew) is this attempt's whole.
     */
    public dev.flotilla.schema.SchemaChanges changesSince(TaskRecord earlier) {
        String before = earlier == null ? null : earlier.log();
        boolean goesOn = before != null && log != null && log.startsWith(before);
        return dev.flotilla.schema.SchemaChanges.inLog(goesOn ? log.substring(before.length()) : log);
    }

    /** Milliseconds from start to finish, or null while unknown. */
    public Long millis() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }

    /** What a rollback's task says where a deploy's counts its checks: no checks run after down files. */
    public static final String CHECKS_NOT_RUN = "not run for a rollback";

    /**
     * As {@code deployments show --json} and the API's deployment show it, without the log (the command line adds it):
     * with {@code commands}, those its error tells to run, when it names any; {@code checks} as its checks after the
     * migrations ended, null when they did not run; and, for a task of a rollback ({@code ofRollback}), whose checks
     * never run, {@code checksNotRun}: {@value #CHECKS_NOT_RUN}.
     */
    public Map<String, Object> asMap(CheckTally checks, boolean ofRollback) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", tenant.value());
        entry.put("wave", wave);
        entry.put("status", status.word());
        entry.put("attempts", attempts);
        entry.put("startedAt", startedAt == null ? null : startedAt.toString());
        entry.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        entry.put("timeMs", millis());
        entry.put("applied", applied);
        entry.put("schemaChanges", changes().summary()); // lists as the dry run's diff names them, the empty left out
        entry.put("errorCode", code == null ? null : code.name());
        entry.put("error", error);
        entry.put("migration", migration);
        entry.put("check", check);
        entry.put("checks", checks == null ? null : checks.asMap());
        if (ofRollback) {
            entry.put("checksNotRun", CHECKS_NOT_RUN);
        }
        List<String> commands = Advice.commandsIn(error); // read back from the error's text, as recorded
        if (!commands.isEmpty()) {
            entry.put("commands", commands);
        }
        return entry;
    }
}
