package dev.flotilla.plan;

/**
 * What to do about a rollback whose down file stopped part-way on a database that commits each statement by itself
 * (MariaDB, H2): statements 1..k-1 of the down file ran and stay done, so the migration is neither applied nor undone,
 * and a rollback run again would start the down file at statement 1 and fail on what is already undone. Said in one
 * place for the rollback's own failure, {@code status}, a refused run and {@code repair}.
 */
public final class FailedRollback {
    private FailedRollback() {
    }

    /** "statement 3", "statements 1-2", "statements 3-5", or "statements 3 to the end" when the end is not known. */
    public static String statements(int from, Integer to) {
        if (to == null) {
            return "statements " + from + " to the end";
        }
        return from == to ? "statement " + from : "statements " + from + "-" + to;
    }

    /**
     * The way out of a failed or interrupted rollback of {@code version}.
     *
     * @param at the statement of the down file that failed, or during which the run stopped
     * @param total how many statements the down file has, or null when not known here
     * @param interrupted whether the run stopped (killed, crashed) during statement {@code at}, rather than failing on
     *     an error of the database: that statement may or may not have taken effect
     */
    public static Advice remedy(String version, String downScript, int at, Integer total, boolean interrupted) {
        Remedy repair = Remedy.of("repair");
        if (at == 1 && !interrupted) {
            return Advice.of("No statement of " + downScript + " ran: version " + version + " is still applied. Fix the"
                    + " down file, run ", repair, " to remove the failed record, then roll back again.");
        }
        String ran = statements(1, at - 1) + " of " + downScript + (at == 2 ? " ran and stays" : " ran and stay")
                + " done (each committed by itself). ";
        String rest = interrupted ? "the rest (from statement " + at + ", or " + (at + 1) + " if statement " + at
                + " took effect, to the end of " + downScript + ")"
                : "the rest (" + statements(at, total) + " of " + downScript + ", fixed where it failed)";
        String state = interrupted ? "The run stopped during statement " + at + " of " + downScript + " (killed or"
                + " crashed, no error from the database), so statement " + at + " may or may not have taken effect:"
                + " check it. " : "";
        String undid = interrupted ? "the down file undid" : statements(1, at - 1) + " undid";
        return Advice.of(state + (at > 1 ? capitalised(ran) : "") + "Version " + version + (at > 1
                ? " is neither applied nor undone" : " may be half undone") + ", and rolling back again would run "
                + downScript + " from statement 1, which fails on what is already undone. Nothing more runs on this target"
                + " until you either undo " + rest + " by hand and run ", Remedy.of("repair", "--mark-undone", version),
                ", which records version " + version + " as undone; or edit the down file to hold only those statements,"
                + " run ", repair, " and roll back again (then restore the file); or redo by hand what " + undid + " and run ",
                repair, ", which records version " + version + " as applied again.");
    }

    /**
     * The way out of a failed rollback of {@code version} whose record names no failed statement (every rollback Flotilla
     * runs records one; a record written by hand, or by an older version, may not): how far its down file got is not
     * known. Removing the record puts the migration back to applied, so the rollback after it undoes {@code version}
     * again, from statement 1 of the down file; not the migration before it.
     */
    public static Advice unrecorded(String version, String downScript) {
        return Advice.of("No statement of " + downScript + " is recorded as the one that failed, so how much of it took"
                + " effect is not known: check the target. Nothing more runs on this target until you either finish the"
                + " rollback by hand and run ", Remedy.of("repair", "--mark-undone", version), ", which records version "
                + version + " as undone; or redo by hand what " + downScript + " undid and run ", Remedy.of("repair"),
                ", which removes the failed record: version " + version + " then counts as applied again, and a rollback after that runs "
                + downScript + " again from statement 1 (it undoes version " + version + " again, not the migration"
                + " applied before it).");
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
