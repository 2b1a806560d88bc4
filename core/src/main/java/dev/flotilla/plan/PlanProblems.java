package dev.flotilla.plan;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.FileDigest;
import dev.flotilla.migration.FlywayChecksum;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes the blocking findings of a plan as messages that say what, where, and what to do. */
final class PlanProblems {
    private final String target;
    /** How a file is named by the name its history row records: its path among several folders ({@link TargetPlan#named}). */
    private final java.util.function.UnaryOperator<String> named;

    PlanProblems(String target, java.util.function.UnaryOperator<String> named) {
        this.target = target;
        this.named = named;
    }

    List<Problem> of(List<MigrationStatus> statuses, ValidationPolicy policy) {
        List<Problem> problems = new ArrayList<>();
        for (MigrationStatus status : statuses) {
            String id = status.version() != null ? status.version() : status.script();
            switch (status.state()) {
                case FAILED -> problems.add(new Problem(ErrorCode.FAILED_MIGRATION, failed(status), id));
                case DRIFTED -> {
                    if (!policy.allowChecksumMismatch()) {
                        problems.add(new Problem(ErrorCode.CHECKSUM_MISMATCH, drifted(status), id));
                    }
                }
                case MISSING -> {
                    if (!policy.allowMissingFiles()) {
                        problems.add(new Problem(ErrorCode.MISSING_MIGRATION_FILE, "The " + status.label() + " ("
                                + named.apply(status.script()) + ") is applied on " + target + " but no migration file"
                                + " has that version." + readAnotherWay(status, statuses)
                                .orElse(" Restore the file from version control, or pass --allow-missing-files."), id));
                    }
                }
                case OUT_OF_ORDER -> {
                    if (!policy.allowOutOfOrder()) {
                        problems.add(new Problem(ErrorCode.OUT_OF_ORDER, named.apply(status.script()) + " (" + status.label()
                                + ") is not applied on " + target + ", but a higher version is. Renumber it above the"
                                + " latest applied version, or pass --out-of-order to apply it anyway.", id));
                    }
                }
                default -> { }
            }
        }
        return problems;
    }

    /**
     * For a version whose file is there under the same name but now reads as another version (a golang-migrate name such
     * as {@code 000010_100_users.up.sql}, which Flotilla once read as 10.100): how to keep the version it was applied as.
     */
    private Optional<String> readAnotherWay(MigrationStatus missing, List<MigrationStatus> statuses) {
        return statuses.stream().filter(s -> s.file() != null && s.version() != null && s.script().equals(missing.script()))
                .findFirst().map(now -> {
                    String name = missing.version() + "__" + missing.description().replace(' ', '_');
                    return " Its file " + named.apply(now.script()) + " now reads as version " + now.version() + " (golang-migrate names"
                            + " have one integer as version, the digits before the first '_'). Nothing ran. To keep the"
                            + " version it was applied as, rename it V" + name + ".sql (its down file U" + name + ".sql).";
                });
    }

    private Advice failed(MigrationStatus status) {
        AppliedMigration row = status.latest();
        if (row.kind() == MigrationKind.UNDO) {
            return row.failedStatement() != null ? failedRollback(status, row) : unrecordedRollback(status, row);
        }
        if (row.interruptedOrRunning() && row.failedStatement() != null) {
            return interrupted(status, row);
        }
        boolean undo = row.kind() == MigrationKind.UNDO;
        StringBuilder message = new StringBuilder();
        message.append(undo ? "Rolling back " : "The ").append(status.label()).append(undo ? "" : " (" + named.apply(row.script()) + ")")
                .append(" failed on ").append(target);
        Advice recorded = recordedError(row);
        if (row.failedStatement() != null) {
            int failedAt = row.failedStatement();
            message.append(" at statement ").append(failedAt);
            // The error Flotilla recorded for a first statement says so itself ("No statement of it was applied, but..."):
            // said once.
            boolean saidInRecord = recorded != null && recorded.text().contains("No statement of it was applied");
            message.append(failedAt > 1 ? "; " + StatementRange.stillInEffect(failedAt - 1)
                    : saidInRecord ? "" : "; no statement of it was applied");
        }
        if (recorded != null) {
            message.append(". Error: ");
            // A recorded error that names commands already says what to do (a statement that failed, kept and recorded,
            // or an invalid index it left): what it says is for that failure, and is not said twice.
            if (recorded.hasRemedies() || recorded.text().contains("Nothing more runs on this target")) {
                return Advice.of(message.toString(), recorded, ".");
            }
        }
        boolean partly = row.failedStatement() != null && row.failedStatement() > 1;
        return Advice.of(message.toString(), recorded == null ? Advice.of() : recorded, ". Nothing more runs on this"
                + " target until it is resolved: undo the half-applied changes by hand and run ", partly
                ? Remedy.of("repair", "--rerun-from-start") : Remedy.of("repair"), " (removes the failed record so the"
                + " migration runs again)", orMarkApplied(status, "them"), ".");
    }

    /**
     * The other way on, finishing by hand and marking the migration applied; a repeatable has no version to mark, so it
     * is run again whole (once its statements can run again as they are).
     */
    private static Advice orMarkApplied(MigrationStatus status, String what) {
        return status.version() == null ? Advice.plain("; a repeatable has no version to mark applied: it runs again whole")
                : Advice.of(", or finish " + what + " by hand and run ", Remedy.of("repair", "--mark-applied", status.version()));
    }

    /**
     * The error a failed run recorded, without its full stop; null when it recorded none. The history keeps it as text,
     * as it was written for one target (other tools, and Flotilla's older versions, read it there): its commands are
     * read back as values, so a fleet tenant's message writes them with its {@code --tenants} as it does its own.
     */
    private static Advice recordedError(AppliedMigration row) {
        String error = row.error() == null ? "" : row.error().strip();
        return error.isEmpty() ? null : Advice.read(error.endsWith(".") ? error.substring(0, error.length() - 1) : error);
    }

    /**
     * A rollback that stopped part-way: its down file is no way forward (it starts again at statement 1), so the record
     * says which of its statements ran and how to finish or take back the rest. A record written before that advice
     * was (it said to undo the applied part and repair) gets it here.
     */
    private Advice failedRollback(MigrationStatus status, AppliedMigration row) {
        int at = row.failedStatement();
        boolean interrupted = row.interruptedOrRunning();
        String error = row.error() == null ? "" : row.error().strip();
        Advice remedy = FailedRollback.remedy(status.version(), named.apply(row.script()), at, null, interrupted);
        String head = "Rolling back " + status.label() + " " + (interrupted ? "was interrupted" : "failed") + " on " + target
                + (interrupted ? " during" : " at") + " statement " + at + " of " + named.apply(row.script()) + ".";
        if (interrupted || error.isEmpty()) {
            return Advice.of(head + " ", remedy);
        }
        // Only this version's advice (which names --mark-undone, or says no statement ran) is enough: an older one said
        // to undo the applied part and repair, which runs the down file again from statement 1. The text of the record
        // tells them apart, as the history keeps no more than it (the file named by its name, or by its path among
        // several folders).
        boolean advised = error.contains("--mark-undone")
                || (error.contains("No statement of ") && error.contains(row.script() + " ran:"));
        Advice recorded = Advice.read(error);
        return advised ? Advice.of(head + " Error: ", recorded) : Advice.of(head + " Error: ", recorded, " ", remedy);
    }

    /** A failed rollback whose record names no statement (written by hand or by an older version): how far it got is not known. */
    private Advice unrecordedRollback(MigrationStatus status, AppliedMigration row) {
        Advice recorded = recordedError(row);
        return Advice.of("Rolling back " + status.label() + " failed on " + target + (recorded == null ? "."
                : ". Error: "), recorded == null ? Advice.of() : Advice.of(recorded, "."), " ",
                FailedRollback.unrecorded(status.version(), named.apply(row.script())));
    }

    /**
     * A run that died during a statement (killed, crashed, lost its connection) recorded no outcome of it: the
     * database may have finished that statement on its own, so it is neither applied nor failed but unknown.
     */
    private Advice interrupted(MigrationStatus status, AppliedMigration row) {
        int at = row.failedStatement();
        boolean undo = row.kind() == MigrationKind.UNDO;
        return Advice.of((undo ? "Rolling back " + status.label() : "The " + status.label() + " (" + named.apply(row.script()) + ")")
                + " was interrupted on " + target + " during statement " + at + ": the run stopped (killed or crashed)"
                + " before recording its end, not on an error of the database, so statement " + at + " may or may not"
                + " have taken effect" + (at > 1 ? "; " + StatementRange.stillInEffect(at - 1) : "")
                + ". Check whether statement " + at + " took effect on " + target + ". Nothing more runs on this target until"
                + " it is resolved: undo what was applied by hand and run ", undo ? Remedy.of("repair")
                : Remedy.of("repair", "--rerun-from-start"), " (removes the record so the migration runs again)",
                orMarkApplied(status, "it"), ".");
    }

    private Advice drifted(MigrationStatus status) {
        String recorded = status.latest().checksum();
        String now = recorded != null && recorded.startsWith(FlywayChecksum.PREFIX)
                ? FlywayChecksum.recorded(FlywayChecksum.of(status.file().sql())) + " (Flyway's, as adopted)"
                : FileDigest.recordedAlgorithm(recorded) != null
                ? FileDigest.recordedNow(status.file().sql(), recorded) + " (the adopted table's, as adopted)"
                : status.file().checksum();
        return Advice.of(named.apply(status.script()) + " was edited after it was applied on " + target + ": the recorded checksum is "
                + recorded + ", the file's is now " + now + ". Restore the file from version control, or accept the edit"
                + " with ", Remedy.of("repair", "--realign-checksums"), ".");
    }
}
