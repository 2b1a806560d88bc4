package dev.flotilla.target;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The variables of Flotilla's own environment that hold passwords, kept out of every program it starts (hooks,
 * pg_dump, mariadb-dump...): the ones the configuration or a flag names as a password's source ({@code passwordEnv},
 * {@code controlPlane.passwordEnv}, {@code --password-env}), every {@code FLOTILLA_*PASSWORD*}, and the database
 * clients' own ({@code PGPASSWORD}, {@code MYSQL_PWD}, and for hooks {@code PGPASSFILE}) even when nothing names them:
 * a hook gets no database login it was not given, and a client program logs in with the password Flotilla's own
 * connection used, added by its caller after {@link #cleanForClientProgram}, not with one exported for something else.
 * The environment is the process's, so the list is too: thread-safe, and names are only ever added.
 */
public final class ChildEnvironment {
    private static final Pattern FLOTILLA_PASSWORD = Pattern.compile("(?i)FLOTILLA_.*PASSWORD.*");
    private static final Set<String> WITHHELD = ConcurrentHashMap.newKeySet();
    /** What libpq and MariaDB's clients take a password from; PostgreSQL's JDBC driver reads none of them but PGPASSFILE. */
    private static final Set<String> CLIENT_PASSWORDS = Set.of("PGPASSWORD", "MYSQL_PWD");
    private static final String PASSWORD_FILE = "PGPASSFILE";
    /**
     * What libpq and MariaDB's clients take a connection parameter from when their command line gives none: the JDBC
     * drivers Flotilla connects with read none of them, so a client program run for a target gets every parameter on
     * its command line and none of these, lest one left in the shell send it elsewhere, as someone else, or fail it
     * (PGSERVICE naming an unknown service, PGSSLMODE=require on a server without SSL).
     */
    private static final Set<String> CLIENT_CONNECTION = Set.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER",
            "PGSERVICE", "PGSERVICEFILE", "PGSYSCONFDIR", "PGSSLMODE", "PGREQUIRESSL", "PGSSLCERT", "PGSSLKEY",
            "PGSSLROOTCERT", "PGSSLCRL", "PGSSLCRLDIR", "PGSSLSNI", "PGSSLCERTMODE", "PGSSLNEGOTIATION",
            "PGSSLMINPROTOCOLVERSION", "PGSSLMAXPROTOCOLVERSION", "PGGSSENCMODE", "PGREQUIREAUTH", "PGCHANNELBINDING",
            "PGTARGETSESSIONATTRS", "PGLOADBALANCEHOSTS", "PGREQUIREPEER", "PGKRBSRVNAME", "PGGSSLIB", "PGGSSDELEGATION",
            "MYSQL_HOST", "MYSQL_TCP_PORT", "MYSQL_UNIX_PORT", "MYSQL_TEST_LOGIN_FILE");
    /**
     * What libpq takes a session's wait, name and server options from: a client program gets Flotilla's own (the
     * connect timeout of deploy.connectTimeout, the name {@code flotilla}, only the options its caller sets), lest one
     * left in the shell make it wait, name it or set it up as Flotilla did not choose.
     */
    private static final Set<String> CLIENT_SESSION = Set.of("PGCONNECT_TIMEOUT", "PGOPTIONS", "PGAPPNAME");
    /**
     * Where MySQL's own (Oracle's) client programs look for their login-path file, {@code ~/.mylogin.cnf} unless this
     * names another: they read it even with {@code --defaults-file}, after it, so a {@code [client]} password or host
     * there would win over Flotilla's option file. A client program is pointed at a file in a folder no one creates
     * (a random name under the temporary folder), so it reads none; MariaDB's programs have no such file.
     */
    static final String LOGIN_PATH_FILE = "MYSQL_TEST_LOGIN_FILE";

    /**
     * The file named in {@link #LOGIN_PATH_FILE}, made up on a client program's first run: its random name starts
     * SecureRandom, milliseconds of a cold start that a command starting no program ({@code status --fleet}) need
     * not pay, though every fleet command names its configuration's password variables here.
     */
    private static final class NoLoginPathFile {
        static final String PATH = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "flotilla-no-login-path-" + java.util.UUID.randomUUID(), ".mylogin.cnf").toString();
    }

    private ChildEnvironment() {
    }

    /** Keeps {@code variable} (it holds a password) out of the environment of every program started from now on. */
    public static void withhold(String variable) {
        if (variable != null && !variable.isBlank()) {
            WITHHELD.add(variable);
        }
    }

    /**
     * Removes from {@code environment} (a ProcessBuilder's, copied from this process's) every variable holding a password
     * or naming a password file: for a hook.
     */
    public static void clean(Map<String, String> environment) {
        removePasswords(environment);
        environment.remove(PASSWORD_FILE);
    }

    /**
     * As {@link #clean}, for a database client program run for a target (pg_dump, psql, mariadb-dump), which also loses
     * the clients' connection variables (PGHOST, PGUSER, PGSERVICE, PGSSLMODE, MYSQL_HOST...: its caller gives every
     * parameter itself) and session variables (PGCONNECT_TIMEOUT, PGOPTIONS, PGAPPNAME: its caller gives Flotilla's), and
     * reads no login-path file ({@link #LOGIN_PATH_FILE}); PGPASSFILE is kept, as PostgreSQL's JDBC driver reads it too,
     * so the program finds the password Flotilla's connection found there.
     */
    public static void cleanForClientProgram(Map<String, String> environment) {
        removePasswords(environment);
        environment.keySet().removeAll(CLIENT_CONNECTION);
        environment.keySet().removeAll(CLIENT_SESSION);
        environment.put(LOGIN_PATH_FILE, NoLoginPathFile.PATH);
    }

    private static void removePasswords(Map<String, String> environment) {
        environment.keySet().removeIf(name -> WITHHELD.contains(name) || CLIENT_PASSWORDS.contains(name)
                || FLOTILLA_PASSWORD.matcher(name).matches());
    }
}
