package dev.flotilla.run;

import java.util.regex.Pattern;

/**
 * What to do about an expected schema its history's replay on an empty scratch copy could not rebuild, by why the replay
 * failed: a file needing a table, view or column no file before it creates is a schema older than its migrations (a
 * baseline it lacks, or, baselined, something made outside the files), any other failure the file's or the copy's own.
 * Either way, accepting the tenant's live schema ({@code drift --accept}) lets drift compare it from then on.
 */
final class ReplayFailure {
    /**
     * Missing objects as each database says them: PostgreSQL's undefined table, column, object, schema; MySQL's and
     * H2's table or column not found; SQLite's and the messages' own words.
     */
    private static final Pattern MISSING = Pattern.compile("SQLSTATE (42P01|42703|42704|3F000|42S02|42S22|42102|42122)"
            + "|no such (table|column|view)|does not exist|doesn't exist|not found", Pattern.CASE_INSENSITIVE);

    private ReplayFailure() {
    }

    /**
     * @param script the file that failed (null when the run names none)
     * @param said what the run said of the failure, scrubbed
     * @param baseline the newest version the tenant's history baselined, or null
     */
    static String advice(String tenant, String script, String said, String baseline) {
        String file = script == null ? "A file of its history" : script;
        String accept = "check its schema and accept it as it is (flotilla drift --accept --tenants " + tenant + "): drift"
                + " compares it with that from then on.";
        if (!MISSING.matcher(said).find()) {
            return file + " fails on the empty copy for a reason other than a missing table (rows it expects, a privilege"
                    + " the login lacks there, the server's version): where the reason is the copy's, fix it and check"
                    + " again; otherwise no replay rebuilds this history: " + accept;
        }
        if (baseline != null) {
            return file + " needs a table, view or column that neither the files baselined (up to version " + baseline
                    + ") nor the migrations after them create: it was made outside the migrations (by hand, or before"
                    + " the baseline and missing from its files), which no replay rebuilds: " + accept;
        }
        return file + " needs a table, view or column that no migration before it creates. A schema that existed before"
                + " its first migration needs `flotilla baseline` before that migration is deployed for drift to compare"
                + " it; for one deployed on such tables without it (baseline refuses a history with migrations applied), "
                + accept;
    }
}
