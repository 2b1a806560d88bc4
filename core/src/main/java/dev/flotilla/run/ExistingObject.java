package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.sql.Dialect;
import java.sql.SQLException;
import java.util.Set;

/**
 * A statement that failed because the target already has what it creates (a table, index, column, constraint,
 * routine...): made there by hand, by another tool, or left by an earlier attempt. The script is not at fault, the target
 * differs from what its history says, so what to do is about the target: drop the object if it is a leftover, or record
 * the migration as applied if the target already has all it makes. Stateless.
 */
final class ExistingObject {
    /** What the failure says, before what to do. */
    static final String THERE = "The target already has what the statement creates (made there by hand or by another"
            + " tool, or left by an earlier attempt): the script needs no change.";

    /**
     * The SQLSTATEs of an object that exists already: the standard's 42S01 (table or view), 42S11 (index), 42S21
     * (column), as MariaDB, MySQL and H2 give them; PostgreSQL's duplicate table or index (42P07), object (constraint,
     * trigger, type, policy: 42710), column (42701), function (42723), schema (42P06) and database (42P04).
     */
    private static final Set<String> STATES = Set.of("42S01", "42S11", "42S21", "42P07", "42710", "42701", "42723", "42P06",
            "42P04");
    /**
     * MariaDB's and MySQL's codes whose SQLSTATE says less (42000, HY000): a duplicate key (index) name (1061), foreign
     * key name (1826), routine (1304), trigger (1359), database (1007).
     */
    private static final Set<Integer> MARIADB_CODES = Set.of(1061, 1826, 1304, 1359, 1007);

    private ExistingObject() {
    }

    /** Whether {@code e}, from {@code dialect}'s database, says the statement's object exists already. */
    static boolean isTheCause(Dialect dialect, SQLException e) {
        if (e.getSQLState() != null && STATES.contains(e.getSQLState())) {
            return true;
        }
        return switch (dialect.name()) {
            case "mariadb", "mysql" -> MARIADB_CODES.contains(e.getErrorCode());
            // SQLite's driver gives no SQLSTATE, and one code (SQLITE_ERROR) for every error of a statement: its words tell.
            case "sqlite" -> e.getMessage() != null && (e.getMessage().contains(" already exists)")
                    || e.getMessage().contains("(duplicate column name: "));
            default -> false;
        };
    }

    /**
     * The run whose migration kept nothing: a deploy's (rolled back), one on a target whose history already records
     * applied migrations (where baseline is refused), or a dry run's.
     */
    enum Run { DEPLOY, ON_HISTORY, DRY_RUN }

    /**
     * What to do where nothing of the migration was kept (rolled back, or a dry run): drop the leftover and run again, or,
     * on a target that predates Flotilla and has all the migration makes, baseline it ({@code version} null: a
     * repeatable, which has none to record). On a target with applied migrations on record nothing records it without
     * running it (baseline is refused, repair --mark-applied resolves only a failed record): the statement is to create it
     * only where it is missing.
     */
    static Advice nothingKept(String version, Run run) {
        Advice drop = run == Run.DRY_RUN ? Advice.plain(" Drop it there if it is a leftover, before deploying")
                : Advice.of(" Drop it there if it is a leftover, and run again (", Remedy.retryFailed(Remedy.THIS_DEPLOYMENT),
                        " for a deployment's failed tenants)");
        if (version == null) {
            return Advice.of(THERE, drop, ".");
        } else if (run == Run.ON_HISTORY) {
            return Advice.of(THERE, drop, "; its history table already records applied migrations, so baseline is refused"
                    + " and nothing records this one as applied without running it: if the target already has all it makes,"
                    + " have the statement create it only where it is missing (IF NOT EXISTS, where the database has it)"
                    + " before the file is applied anywhere.");
        }
        return Advice.of(THERE, drop, "; if the target predates Flotilla"
                + " (tables but no history table) and already has all this migration makes, record the migrations up to it"
                + " as applied with ", Remedy.of("baseline", "--version", version), " instead.");
    }

    /**
     * What to do where the migration is recorded as failed at its first statement: drop the leftover, clear the record
     * and run again, or record the migration as applied if the target already has all it makes.
     */
    static Advice recordedAtFirst(String version) {
        Advice again = Advice.of(" Drop it there if it is a leftover, then run ", Remedy.of("repair"), " and run again (",
                Remedy.retryFailed(Remedy.THIS_DEPLOYMENT), " for a deployment's failed tenants)");
        return version == null ? Advice.of(THERE, again, ".") : Advice.of(THERE, again, "; if the target already has all"
                + " this migration makes, record it as applied with ", Remedy.of("repair", "--mark-applied", version),
                " instead.");
    }

    /** What to add where statements before the failing one stay applied, the way on named before it. */
    static String partWay() {
        return " " + THERE.substring(0, THERE.length() - 1) + "; if it is a leftover, drop it too before the migration runs"
                + " again.";
    }
}
