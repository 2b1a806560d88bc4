package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.MaskedThrowable;
import dev.flotilla.sql.Dialect;
import java.sql.SQLException;

/**
 * Turns driver exceptions into Flotilla's, naming the target (redacted) and the database's own code,
 * with the password scrubbed from whatever the driver said: in the message, and in the driver's exception kept as the
 * cause ({@link MaskedThrowable}), which an application printing the stack sees.
 */
public final class Failures {
    private Failures() {
    }

    /** MariaDB's driver's "(conn=381) " before the server's words: a session number, different on every run. */
    private static final java.util.regex.Pattern CONNECTION_ID = java.util.regex.Pattern.compile("\\(conn=\\d+\\) ?");

    /**
     * {@code text} without the connection id MariaDB's driver puts before each of its messages ({@code (conn=381) }):
     * it means nothing to the user and differs between runs, so alike failures would read apart. The SQLSTATE and
     * error code are the exception's, said beside it ({@link #sqlState}), and stay.
     */
    public static String withoutConnectionId(String text) {
        return text == null || !text.contains("(conn=") ? text : CONNECTION_ID.matcher(text).replaceAll("");
    }

    /** The driver's message of {@code e}, as shown: without MariaDB's connection id ({@link #withoutConnectionId}). */
    public static String message(SQLException e) {
        return withoutConnectionId(String.valueOf(e.getMessage()));
    }

    /** A failure while connecting: authentication, unknown database, unreachable server. */
    public static FlotillaException connecting(TargetSpec spec, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // The driver's own sentence, ended once: ours follows ("connections.. Check" otherwise).
        String detail = sentence(spec.scrub(String.valueOf(e.getMessage())));
        String where = spec.displayName();
        Throwable cause = MaskedThrowable.of(e, spec::scrub); // kept for its stack and state: masked as its words are here
        if (state.startsWith("28") || e.getErrorCode() == 1045 || detail.contains("password authentication failed")) {
            String user = ClientConnection.user(spec);
            String who = user != null ? "user '" + user + "'" : "the URL's user";
            return new FlotillaException(ErrorCode.AUTHENTICATION_FAILED, "Authentication failed for " + who + " on " + where
                    + " (SQLSTATE " + state + "): " + detail + " Check the user and " + passwordSource(spec) + ".", cause);
        }
        if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN && "h2".equals(Dialect.forUrl(spec.url()).name())) {
            // An embedded file, not a server: a lock held by another process, retried as lock timeouts are.
            return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "The H2 database file of " + where + " is open in another"
                    + " process" + sqlState(e) + ": " + detail + " An embedded H2 file serves one process at a time: close"
                    + " the other program (an H2 console, the application, another flotilla), or " + sharing(spec), cause);
        }
        if (e.getErrorCode() == H2_DATABASE_IS_IN_EXCLUSIVE_MODE && "h2".equals(Dialect.forUrl(spec.url()).name())) {
            // No server to check: one session of the database took it for itself, for as long as it keeps it so.
            return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "The H2 database of " + where + " is in exclusive mode"
                    + sqlState(e) + ": " + detail + " A session of it ran SET EXCLUSIVE (an H2 console, the application, a"
                    + " maintenance job), and it takes no other connection until that session runs SET EXCLUSIVE 0 or closes;"
                    + " run again once it has, or end that session.", cause);
        }
        if (detail.contains("SQLITE_CANTOPEN")) {
            // A file, not a server: its folder is missing or not writable, or the path names a folder.
            String file = DatabaseFile.of(spec.url()).map(f -> " " + f.path().toAbsolutePath()).orElse("");
            return new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot open the SQLite database file" + file + " of "
                    + where + sqlState(e) + ": " + detail + " Check the path in the URL, that its folder exists, and that"
                    + " this user may read and write the file and its folder.", cause);
        }
        if ("3D000".equals(state) || e.getErrorCode() == 1049) {
            return new FlotillaException(ErrorCode.CONNECTION_FAILED, "The database named in " + where
                    + " does not exist (SQLSTATE " + state + "): " + detail + " Create it, or fix the URL.", cause);
        }
        if (noFreeSlot(state, e, detail)) {
            return new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + sqlState(e) + ": the server"
                    + " has no free connection slots (" + detail + ") Lower --concurrency/--per-server (deploy.concurrency,"
                    + " deploy.perServer), or raise max_connections (or the user's own connection limit).", cause);
        }
        String host = unknownHost(e);
        if (host != null) {
            return new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + sqlState(e) + ": the"
                    + " host name " + spec.scrub(host) + " cannot be resolved (" + detail + ") Check the host name in the URL"
                    + " for a typo, and that this machine's DNS (or /etc/hosts) knows it.", cause);
        }
        if (ConnectTimeout.gaveUp(e)) {
            return new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + sqlState(e) + ": no"
                    + " answer within the connect timeout of " + ConnectTimeout.describe() + " (" + detail + ") Check that the"
                    + " host is up and reachable and that host and port are right; a slow network needs a longer"
                    + " deploy.connectTimeout (--connect-timeout).", cause);
        }
        return new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + sqlState(e) + ": "
                + detail + " Check that the server is running and that host, port and database are right.", cause);
    }

    /** The host name the driver could not resolve (an {@link java.net.UnknownHostException} among the causes), or null. */
    private static String unknownHost(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at instanceof java.net.UnknownHostException unknown) {
                String name = unknown.getMessage() == null ? "" : unknown.getMessage().split(":", 2)[0].trim();
                return name.isEmpty() ? "in the URL" : name;
            }
        }
        return null;
    }

    /** How to share an H2 file: Flotilla's own URL may already ask for it, and then only the other program can. */
    private static String sharing(TargetSpec spec) {
        if (spec.url().toUpperCase(java.util.Locale.ROOT).contains(";AUTO_SERVER=TRUE")) {
            return "have it open the file with ;AUTO_SERVER=TRUE in its URL too: Flotilla's URL asks for that already,"
                    + " but the program that opened the file first without it keeps it to itself.";
        }
        return "add ;AUTO_SERVER=TRUE to the URL (tenancy.url or tenancy.urlTemplate for a tenant, controlPlane.url for the"
                + " control plane) in every program that opens it, so that they share it.";
    }

    /**
     * Whether the server refused a new connection for having too many: PostgreSQL's too_many_connections (of the server,
     * the role or the database), MariaDB/MySQL's "Too many connections" and the user's own limits.
     */
    private static boolean noFreeSlot(String state, SQLException e, String detail) {
        return "53300".equals(state) || e.getErrorCode() == TOO_MANY_CONNECTIONS || e.getErrorCode() == TOO_MANY_USER_CONNECTIONS
                || e.getErrorCode() == USER_LIMIT_REACHED && detail.contains("max_user_connections");
    }

    /** MariaDB/MySQL's ER_CON_COUNT_ERROR, ER_TOO_MANY_USER_CONNECTIONS and ER_USER_LIMIT_REACHED (an account's own limits). */
    private static final int TOO_MANY_CONNECTIONS = 1040;
    private static final int TOO_MANY_USER_CONNECTIONS = 1203;
    private static final int USER_LIMIT_REACHED = 1226;

    /** Where the password that was refused came from, never the password: the variable or file, or that none was given. */
    private static String passwordSource(TargetSpec spec) {
        String where = "--password-env or --password-file; tenancy.passwordEnv or controlPlane.passwordEnv in flotilla.yml";
        java.util.List<String> inUrl = dev.flotilla.sql.JdbcUrls.secretParametersIn(spec.url());
        if (spec.password() == null && !inUrl.isEmpty()) {
            return "the password written in the URL (" + String.join(", ", inUrl) + "; the drivers read password=, and"
                    + " passwords are better given by " + where + ")";
        }
        if (spec.password() == null) {
            return "that a password is given if the server needs one: none was (" + where + ")";
        }
        return spec.password().source() == null ? "its password (" + where + ")"
                : "the password read from " + spec.password().source();
    }

    /** A failure of Flotilla's own work on a target (catalog queries, history table), under the target lock. */
    public static FlotillaException of(TargetSpec spec, String doing, SQLException e) {
        return of(spec, doing, e, true);
    }

    /**
     * As {@link #of(TargetSpec, String, SQLException)}; {@code locking} says whether the work waited for the target
     * lock (bounded by --lock-wait), or only read (plan, status --live, dry-run, verify, drift: no target lock, so
     * --lock-wait has nothing to raise). A lock timeout under the target lock is a table's (on SQLite the file's write
     * lock, another program writing it), which only a longer lock timeout waits out.
     */
    public static FlotillaException of(TargetSpec spec, String doing, SQLException e, boolean locking) {
        Dialect dialect = Dialect.forUrl(spec.url());
        Throwable cause = MaskedThrowable.of(e, spec::scrub);
        if (dialect.isLockTimeout(e)) {
            String said = sqlState(e) + ": " + sentence(spec.scrub(String.valueOf(e.getMessage())));
            String longer = " wait longer with deploy.lockTimeout in flotilla.yml (--lock-timeout for one target).";
            // The target lock's own wait ends in LockWait's LOCK_TIMEOUT: this is a table's (SQLite: the file's write
            // lock another program holds), past the lock timeout.
            return new FlotillaException(ErrorCode.LOCK_TIMEOUT, locking ? "Failed " + doing + " on " + spec.displayName()
                    + (dialect.name().equals("sqlite") ? ": its database file is being written by another program" + said
                    + " Another program holds its write lock (an application's open transaction, a sqlite3 shell's BEGIN)"
                    : ": a table it needed is locked" + said + " Another session holds a lock on it (an uncommitted ALTER"
                    + " TABLE or LOCK TABLE, an application's open transaction)") + "; run again once it has finished, or" + longer
                    : "Could not read " + spec.displayName() + ": it is locked" + said + " Another session holds a lock on it"
                    + " (a deploy, or a writer's open transaction); run again once it has finished, or" + longer, cause);
        }
        return new FlotillaException(ErrorCode.SQL_ERROR, "Failed " + doing + " on " + spec.displayName() + sqlState(e)
                + ": " + (readOnly(spec, e) ? sentence(spec.scrub(String.valueOf(e.getMessage()))) + " " + READ_ONLY_REMEDY
                : spec.scrub(String.valueOf(e.getMessage()))), cause);
    }

    /**
     * A lock timeout while a session was being opened: only a table can be held then (the target lock's own wait ends in
     * LOCK_TIMEOUT of its own), and the one read there is the history table, in the lock's round trip.
     */
    static FlotillaException historyHeld(TargetSpec spec, SQLException e) {
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Could not read the history table " + spec.historyTable()
                + " of " + spec.displayName() + ": it is locked" + sqlState(e) + ": "
                + sentence(spec.scrub(String.valueOf(e.getMessage()))) + " Another session holds a lock on it (an"
                + " uncommitted ALTER TABLE or LOCK TABLE, another tool's migration); run again once it has finished, or"
                + " wait longer with deploy.lockTimeout in flotilla.yml (--lock-timeout for one target).",
                MaskedThrowable.of(e, spec::scrub));
    }

    /**
     * Flotilla's own work on {@code session}'s target gave up after the session's lock timeout, waiting for a table
     * another session holds: {@code "<doing> <target> waited more than 5 s (the lock timeout) <waitedTo> (SQLSTATE ..):
     * another session holds <tables and sessions><then>"}, the holders as PostgreSQL shows them (read on the session's
     * connection, which must still be open); on SQLite, a file being written, as its lock is the file's.
     */
    public static FlotillaException tableHeld(TargetSession session, java.time.Duration lockTimeout, String doing,
                                              String waitedTo, Exception e, String then) {
        String holders = switch (session.dialect().name()) {
            // The holders' tables and application names are anyone's words: masked as a driver's are.
            case "postgresql" -> session.spec().scrub(dev.flotilla.sql.PostgresLockHolders.phrase(session.connection(),
                    session.schema()));
            case "sqlite" -> "another connection or process is writing its database file";
            default -> "another session holds one of its tables";
        };
        String said = lockTimeout.toMillis() % 1000 == 0 ? lockTimeout.toSeconds() + " s" : lockTimeout.toMillis() + " ms";
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, doing + " " + session.spec().displayName() + " waited more than "
                + said + " (the lock timeout) " + waitedTo + (e instanceof SQLException failure ? sqlState(failure) : "") + ": "
                + holders + then, MaskedThrowable.of(e, session.spec()::scrub));
    }

    /** What to do about a database file that cannot be written. */
    public static final String READ_ONLY_REMEDY = "The database file cannot be written: make it and its folder writable"
            + " (permissions, `chattr -i`, a read-only mount), then run again.";

    /**
     * Whether the target refused a write because it is read-only: a SQLite file opened read-only (SQLite does that
     * without a word when it may not write the file), an H2 file or database in read-only mode.
     */
    public static boolean readOnly(TargetSpec spec, SQLException e) {
        return switch (Dialect.forUrl(spec.url()).name()) {
            case "sqlite" -> (e.getErrorCode() & 0xff) == SQLITE_READONLY;
            case "h2" -> e.getErrorCode() == H2_DATABASE_IS_READ_ONLY;
            default -> false;
        };
    }

    private static final int SQLITE_READONLY = 8;
    /** H2's DATABASE_ALREADY_OPEN_1: "Database may be already in use", its file locked by another process. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    /** H2's DATABASE_IS_IN_EXCLUSIVE_MODE: another session ran SET EXCLUSIVE 1 (or 2). */
    private static final int H2_DATABASE_IS_IN_EXCLUSIVE_MODE = 90135;

    /**
     * What someone else said (a driver, a library), whole, as one sentence our own can follow with a space: its
     * own full stop is kept and none is added after it ("dependent objects too.. Nothing" otherwise).
     */
    public static String sentence(String text) {
        String said = String.valueOf(text).strip();
        return said.endsWith(".") || said.endsWith("!") || said.endsWith("?") ? said : said + ".";
    }

    /** " (SQLSTATE xxxxx, error n)" or "" when the driver gave neither. */
    public static String sqlState(SQLException e) {
        if (e.getSQLState() == null && e.getErrorCode() == 0) {
            return "";
        }
        if (e.getSQLState() == null) {
            return " (error " + e.getErrorCode() + ")"; // SQLite's driver gives no SQLSTATE, only its result code
        }
        return " (SQLSTATE " + e.getSQLState() + (e.getErrorCode() == 0 ? "" : ", error " + e.getErrorCode()) + ")";
    }
}
