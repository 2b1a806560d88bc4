package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Remedy;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration recorded as failed (or interrupted) part-way where each statement commits by itself (MariaDB, H2, a
 * script run outside a transaction): the statements before the one that failed stay applied, and one the run died
 * during may have. Removing its record runs it again from statement 1, which fails on what is already there
 * ("Duplicate key name"), so {@code repair} refuses to until the user says so: they undid those statements by hand,
 * or the statements can run again as they are ({@code IF NOT EXISTS}).
 * A failed rollback's record is not one: its ways out are {@link dev.flotilla.plan.FailedRollback}'s.
 */
final class PartlyApplied {
    private static final int SHOWN = 10;
    private static final int SQL_CHARS = 200;

    private PartlyApplied() {
    }

    /** Whether statements of the failed migration {@code row} records stay applied, or may have. */
    static boolean holds(AppliedMigration row) {
        Integer at = row.failedStatement();
        return row.kind() != MigrationKind.UNDO && at != null && (at > 1 || row.interruptedOrRunning());
    }

    /**
     * Why repair leaves the record of {@code status} alone: which statements stay applied (their text, when
     * {@code script} is what ran), and the two ways forward.
     *
     * @param script the migration's file prepared for the target; null when the file is gone
     * @param file how messages name the file its record names: its path among several folders
     *     ({@link dev.flotilla.migration.LoadedMigrations#recorded})
     * @param dialect the target's, to say why its statements committed one by one
     */
    static FlotillaException refusal(MigrationStatus status, PreparedScript script, String file, String target,
                                     Dialect dialect) {
        AppliedMigration row = status.latest();
        int at = row.failedStatement();
        boolean interrupted = row.interruptedOrRunning();
        String head = "Not repaired: " + status.label() + " " + (interrupted ? "was interrupted during statement " + at
                + " of " + file + " (killed or crashed, no error from the database)" : "failed at statement " + at
                + " of " + file) + " on " + target + ", and "
                + (at > 1 ? statements(at - 1) + " of it stay" + (at == 2 ? "s" : "") + " applied" : "")
                + (at > 1 && interrupted ? " while " : "")
                + (interrupted ? "statement " + at + " may or may not have taken effect" : "")
                + " (" + StatementByStatement.why(dialect, script) + "). Removing the failed record would run it again from statement 1,"
                + " which fails on what is already there. ";
        String ran = ranText(script, row, file, interrupted ? at : at - 1);
        Advice undo = status.version() == null ? again(status, ran, interrupted, target) : Advice.of("First either undo by hand what "
                + (interrupted ? "took effect of " : "ran: ") + ran + ", then run ", Remedy.of("repair", "--rerun-from-start"),
                " (the failed record is removed and " + status.label() + " runs again from statement 1 at the next"
                + " migrate; so too when its statements can run again as they are, IF NOT EXISTS); or finish the rest by hand (" + (interrupted ? "from statement " + at : "statement " + at
                + " to the end, fixed where it failed") + ") and run ", Remedy.of("repair", "--mark-applied", status.version()),
                ". Nothing was changed on " + target + ".");
        return new FlotillaException(ErrorCode.REPAIR_REFUSED, Advice.of(head, undo));
    }

    /**
     * The one way on for a repeatable, which has no version to mark applied: run it again whole, once what of it ran is
     * undone by hand, or at once when its statements can run again as they are (as a repeatable's usually can).
     */
    private static Advice again(MigrationStatus status, String ran, boolean interrupted, String target) {
        return Advice.of("First undo by hand what " + (interrupted ? "took effect of " : "ran: ") + ran + ", unless its"
                + " statements can run again as they are (CREATE OR REPLACE, IF NOT EXISTS), then run ",
                Remedy.of("repair", "--rerun-from-start"), " (the failed record is removed and " + status.label() + " runs"
                + " again from statement 1 at the next migrate; a repeatable has no version to mark applied). Nothing was"
                + " changed on " + target + ".");
    }

    /** "statement 1", "statements 1-3". */
    static String statements(int last) {
        return last == 1 ? "statement 1" : "statements 1-" + last;
    }

    /** Statements 1..{@code last} as they ran, or where to find them when the file is not what ran. */
    private static String ranText(PreparedScript script, AppliedMigration row, String file, int last) {
        if (script == null || !script.hasChecksum(row.checksum()) || script.statements().size() < last) {
            return statements(last) + " of " + file + " as it was when it ran (the file is "
                    + (script == null ? "gone" : "edited since") + ")";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 1; i <= Math.min(last, SHOWN); i++) {
            SqlStatement statement = script.statements().get(i - 1);
            String sql = statement.sql().strip().replaceAll("\\s+", " ");
            shown.add("statement " + i + " (line " + statement.line() + "): `"
                    + (sql.length() <= SQL_CHARS ? sql : sql.substring(0, SQL_CHARS - 3) + "...") + "`");
        }
        return String.join("; ", shown) + (last > SHOWN ? "; and statements " + (SHOWN + 1) + "-" + last + " of "
                + file : "");
    }
}
