package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.FailedRollback;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks what a rollback undoes and checks, before anything runs, that each has a down script and that
 * nothing on the target is in a failed state.
 */
final class RollbackSelection {
    private final TargetPlan plan;
    private final RollbackRequest request;
    private final String target;
    /** The files the plan joined: where a down file was looked for, when they come from several folders. */
    private final LoadedMigrations migrations;

    RollbackSelection(TargetPlan plan, RollbackRequest request, String target, LoadedMigrations migrations) {
        this.plan = plan;
        this.request = request;
        this.target = target;
        this.migrations = migrations;
    }

    /**
     * The down scripts to run, the migration installed last first; empty with problems added when the rollback cannot
     * go ahead.
     */
    List<PreparedScript> scripts(ScriptPreparer preparer, List<Problem> problems) {
        plan.statuses().stream().filter(s -> s.state() == MigrationState.FAILED).forEach(s -> problems.add(
                new Problem(ErrorCode.FAILED_MIGRATION, failed(s), s.version())));
        if (!problems.isEmpty()) {
            return List.of(); // what else could be said (too few applied...) follows from the failed one, not the request
        }
        List<MigrationStatus> chosen = chosen(problems);
        for (MigrationStatus status : chosen) {
            if (status.state() == MigrationState.BASELINED) {
                problems.add(new Problem(ErrorCode.NO_DOWN_FILE, "The " + status.label() + " was recorded by baseline,"
                        + " not run by Flotilla, so it cannot be rolled back.", status.version()));
            } else if (status.file() == null || status.file().downScript().isEmpty()) {
                problems.add(new Problem(ErrorCode.NO_DOWN_FILE, noDownFile(status), status.version()));
            }
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<PreparedScript> scripts = new ArrayList<>();
        for (MigrationStatus status : chosen) {
            PreparedScript script = preparer.down(status.file(), status.file().downScript().orElseThrow());
            if (script != null) {
                scripts.add(script);
            }
        }
        return scripts;
    }

    /**
     * Why a failed migration stops the rollback, and what to do instead. Its down file undoes the whole migration, not
     * the statements a run outside a transaction got through (it would fail on what the rest never created), and once
     * {@code repair} has removed the failed record a rollback undoes the migration applied before it: so the part that
     * ran is undone by hand, then repaired. A failed rollback is the other way round: once its record is removed the
     * migration counts as applied again, and a rollback runs the same down file again from its first statement.
     */
    private Advice failed(MigrationStatus status) {
        AppliedMigration row = status.latest();
        Integer at = row.failedStatement();
        if (row.kind() == MigrationKind.UNDO) {
            // Removing its record puts the migration back to applied: the rollback after that undoes it again.
            String downFile = plan.named(row.script());
            return at == null ? Advice.of("The rollback of the " + status.label() + " failed on " + target + ". ",
                    FailedRollback.unrecorded(status.version(), downFile))
                    : Advice.of("The rollback of the " + status.label() + " " + (row.interruptedOrRunning()
                    ? "was interrupted during" : "failed at") + " statement " + at + " of " + downFile + " on " + target
                    + ". ", FailedRollback.remedy(status.version(), downFile, at, null, row.interruptedOrRunning()));
        }
        String undo = "The " + status.label() + " is recorded as failed on " + target;
        if (at == null || (at == 1 && !row.interruptedOrRunning())) {
            return Advice.of(undo + ". Resolve it with ", Remedy.of("repair"), " (it says what stays applied) before"
                    + " rolling back" + previous(status) + ".");
        }
        String ran = at == 2 ? "statement 1" : "statements 1-" + (at - 1);
        String state = row.interruptedOrRunning() ? " during statement " + at + " (which may or may not have taken"
                + " effect: check it)" : " at statement " + at;
        return Advice.of(undo + state + (at > 1 ? ", with " + ran + " of " + plan.named(row.script()) + " still applied" : "")
                + ". A rollback cannot undo that: its down file undoes the whole migration, not the part that ran. Undo "
                + (at > 1 ? ran : "statement " + at) + " by hand, then run ", Remedy.of("repair", "--rerun-from-start"),
                " to remove the failed record (or finish the migration by hand and run ",
                Remedy.of("repair", "--mark-applied", status.version()), ")" + previous(status) + ".");
    }

    /** What a rollback undoes once the failed record is gone, said so that it is not taken for the failed one. */
    private String previous(MigrationStatus failed) {
        return plan.appliedLastInstalledFirst().stream().filter(s -> s != failed).findFirst()
                .map(s -> "; a rollback after that undoes the " + s.label() + ", not this one").orElse("");
    }

    private List<MigrationStatus> chosen(List<Problem> problems) {
        List<MigrationStatus> applied = plan.appliedLastInstalledFirst();
        if (request.steps() != null) {
            if (request.steps() > applied.size()) {
                problems.add(new Problem(ErrorCode.BAD_USAGE, "Cannot roll back " + request.steps() + " migration(s) on "
                        + target + ": only " + applied.size() + " applied.", null));
                return List.of();
            }
            return applied.subList(0, request.steps());
        }
        if (request.versions() != null) {
            List<MigrationStatus> newer = installedOnTop(applied, request.versions());
            if (!newer.isEmpty()) {
                MigrationVersion newest = request.versions().stream().max(MigrationVersion::compareTo).orElseThrow();
                problems.add(new Problem(ErrorCode.ROLLBACK_REFUSED, "Cannot roll back " + request.versions() + " on " + target
                        + ": newer migrations are applied on top of them (" + newer.stream().map(MigrationStatus::version).toList()
                        + "), by a later deployment. Roll that one back first.", newest.toString()));
                return List.of();
            }
            return applied.stream().filter(s -> request.versions().contains(MigrationVersion.parse(s.version()))).toList();
        }
        // Every version above it, whatever order they were installed in; undone the one installed last first.
        MigrationVersion to = request.toVersion();
        return applied.stream().filter(s -> MigrationVersion.parse(s.version()).compareTo(to) > 0).toList();
    }

    /**
     * The applied migrations, other than {@code versions}, installed after the first of {@code versions} still applied:
     * undoing {@code versions} would pull the ground from under them. By installed rank, not version, so a migration
     * applied out of order (a lower version, later) counts as on top, and an older one of a higher version does not.
     *
     * @param applied the target's applied migrations, installed last first
     */
    static List<MigrationStatus> installedOnTop(List<MigrationStatus> applied, List<MigrationVersion> versions) {
        int firstUndone = applied.stream().filter(s -> versions.contains(MigrationVersion.parse(s.version())))
                .mapToInt(s -> s.latest().rank()).min().orElse(Integer.MAX_VALUE);
        return applied.stream().filter(s -> !versions.contains(MigrationVersion.parse(s.version())))
                .filter(s -> s.latest().rank() > firstUndone).toList();
    }

    /**
     * Why {@code status} cannot be rolled back for want of a down file; with several folders, naming its file by its path,
     * the folders looked in, and the down file to write beside it.
     */
    private String noDownFile(MigrationStatus status) {
        boolean several = status.file() != null && !DownFiles.lookedIn(migrations).isEmpty();
        return "The " + status.label() + (several ? " (" + migrations.shown(status.file().script()) + ")" : "")
                + " has no down file (U" + status.version() + "__*.sql or " + baseName(status) + ".down.sql)"
                + DownFiles.lookedIn(migrations) + ", so it cannot be rolled back. Write "
                + (several ? DownFiles.toWrite(migrations, status.file()) : "one") + ", or restore from a backup.";
    }

    /** The name a down file of the script would start with: golang-migrate's {@code 000002_x.up.sql} has {@code 000002_x.down.sql}. */
    static String baseName(MigrationStatus status) {
        String script = status.script();
        String base = script.endsWith(".sql") ? script.substring(0, script.length() - 4) : script;
        return base.endsWith(".up") ? base.substring(0, base.length() - 3) : base;
    }
}
