package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.AuditLog;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a deployment (or a rollback) keeps no backup from before it, from what it recorded: its files deleted since by
 * {@code backup.keep}, {@code --skip-backup} as audited, and each task's own word on its backup (its log's
 * {@link BackupNote}, or its {@code BACKUP_FAILED} error), and its options' word that it started without backups. A
 * task that got past its backup and said nothing of one ran with backups off (what a deployment recorded by an older
 * Flotilla, without that word, says of it).
 */
public final class MissingBackups {
    private static final String BACKUPS_OFF = "backups were off when it ran (deploy.backup: false in the configuration it ran with)";
    /** How much of a failed backup's error is said here; its task's row below shows all of it. */
    private static final int ERROR_SHOWN = 400;

    private MissingBackups() {
    }

    /**
     * The reason said after "none", for a deployment none of whose backups is kept.
     *
     * @param skipped its {@code deploy.backup-skipped} (or {@code rollback.backup-skipped}) audit entry, if any
     */
    public static String why(ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks, Optional<AuditLog.Entry> skipped) {
        if (plane.backups().everTaken(deployment.id())) {
            return "the files it took were deleted since, as backup.keep keeps only the newest runs' backups";
        }
        if (skipped.isPresent()) {
            return "skipped with --skip-backup by " + skipped.get().actor() + " (audited)";
        }
        if (RecordedOptions.backupsOff(deployment.options()) && tasks.stream().noneMatch(MissingBackups::saidOfItsBackup)) {
            return BACKUPS_OFF;
        }
        int empty = 0;
        int upToDate = 0;
        int notYet = 0;
        int endedBefore = 0;
        List<TaskRecord> failed = new ArrayList<>();
        for (TaskRecord task : tasks) {
            Optional<BackupNote> note = BackupNote.in(task.log());
            if (task.code() == ErrorCode.BACKUP_FAILED) {
                failed.add(task);
            } else if (note.isPresent()) {
                switch (note.get()) {
                    case EMPTY, NO_SCHEMA -> empty++;
                    case UP_TO_DATE -> upToDate++;
                    case TAKEN -> { } // its file is gone, which everTaken said already
                }
            } else if (pastItsBackup(task)) {
                return BACKUPS_OFF;
            } else if (task.status() == TaskStatus.PENDING || task.status() == TaskStatus.RUNNING) {
                notYet++;
            } else {
                endedBefore++;
            }
        }
        List<String> reasons = new ArrayList<>();
        if (!failed.isEmpty()) {
            reasons.add("the backup failed on " + failed.size() + " tenant(s), so nothing was applied there; on "
                    + failed.get(0).tenant().value() + ": " + shortened(failed.get(0).error()));
        }
        count(reasons, empty, "held nothing to back up yet (no table, no history)");
        count(reasons, upToDate, "had nothing pending, so nothing to back up");
        count(reasons, notYet, "have not got to their backup yet");
        count(reasons, endedBefore, "ended before their backup (failed, stopped or skipped first)");
        return String.join("; ", reasons);
    }

    /**
     * Which of a deployment's tenants no kept backup is of, when some are (null when every one has one), and why, as
     * {@link #why} says it of them all: "1 tenant(s) held nothing to back up yet (no table, no history): atelier_neuf".
     */
    public static String whyNotFor(ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks) {
        java.util.Set<String> kept = plane.backups().keptTenants(deployment.id());
        Map<String, List<String>> tenants = new LinkedHashMap<>();
        List<TaskRecord> failed = new ArrayList<>();
        for (TaskRecord task : tasks) {
            if (kept.contains(task.tenant().value())) {
                continue;
            }
            if (task.code() == ErrorCode.BACKUP_FAILED) {
                failed.add(task);
                continue;
            }
            Optional<BackupNote> note = BackupNote.in(task.log());
            String words = note.isPresent() ? switch (note.get()) {
                case EMPTY, NO_SCHEMA -> "held nothing to back up yet (no table, no history)";
                case UP_TO_DATE -> "had nothing pending, so nothing to back up";
                case TAKEN -> "had theirs deleted since"; // a tenant's own file gone: removed by hand, kept off the record
            } : pastItsBackup(task) ? "ran with backups off (a run of it without them)"
                    : task.status() == TaskStatus.PENDING || task.status() == TaskStatus.RUNNING ? "have not got to their backup yet"
                    : "ended before their backup (failed, stopped or skipped first)";
            tenants.computeIfAbsent(words, k -> new ArrayList<>()).add(task.tenant().value());
        }
        List<String> reasons = new ArrayList<>();
        if (!failed.isEmpty()) {
            reasons.add("the backup failed on " + failed.size() + " tenant(s), so nothing was applied there: " + named(failed.stream()
                    .map(t -> t.tenant().value()).toList()) + "; on " + failed.get(0).tenant().value() + ": "
                    + shortened(failed.get(0).error()));
        }
        tenants.forEach((words, ids) -> reasons.add(ids.size() + " tenant(s) " + words + ": " + named(ids)));
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /** The first five of {@code ids}, and how many more. */
    private static String named(List<String> ids) {
        return String.join(", ", ids.stream().limit(5).toList()) + (ids.size() > 5 ? " and " + (ids.size() - 5) + " more" : "");
    }

    /** Whether the task said a word of its backup: a resume with backups on since, of a deployment started without. */
    private static boolean saidOfItsBackup(TaskRecord task) {
        return task.code() == ErrorCode.BACKUP_FAILED || BackupNote.in(task.log()).isPresent();
    }

    /** Whether the task ran its migrations (or got as far as a check): a task with backups on took one before them. */
    private static boolean pastItsBackup(TaskRecord task) {
        return task.status() == TaskStatus.SUCCEEDED || !task.applied().isEmpty() || task.migration() != null
                || task.check() != null;
    }

    /** An error as a clause of the sentence: its own closing period left to the sentence, a long one cut (the task shows it all). */
    private static String shortened(String error) {
        String text = error == null ? "no error recorded" : error.strip().replaceFirst("\\.$", "");
        return text.length() <= ERROR_SHOWN ? text : text.substring(0, ERROR_SHOWN) + "…";
    }

    private static void count(List<String> reasons, int tenants, String words) {
        if (tenants > 0) {
            reasons.add(tenants + " tenant(s) " + words);
        }
    }
}
