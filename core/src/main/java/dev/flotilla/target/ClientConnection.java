package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the database's own client programs reach a target given by a JDBC URL: host, port, database, user,
 * and the password kept off the command line (PGPASSWORD for PostgreSQL's clients, an option file readable
 * only by its owner for MariaDB's).
 */
public final class ClientConnection {
    /** The option-file parser reads a line into a 4096-byte buffer: "password=", quotes and UTF-8 leave this much. */
    private static final int MAX_OPTION_VALUE = 1000;
    /** The name a client program's session has on the server (pg_stat_activity). */

    private ClientConnection() {
    }

    /** host, port, dbname, and user/password when the URL has them, from {@code jdbc:postgresql://host:port/db}. */
    public static Map<String, String> parameters(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The database's client programs need a URL with one host"
                    + " (jdbc:postgresql://host:port/database); multi-host and socket URLs are not supported yet.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("host", uri.getHost());
        parameters.put("port", String.valueOf(uri.getPort() == -1 ? defaultPort(jdbcUrl) : uri.getPort()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        parameters.put("dbname", path);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && Set.of("user", "password").contains(kv[0])) {
                    parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private static int defaultPort(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? 5432 : 3306;
    }

    /**
     * A libpq connection string for PostgreSQL's clients (no password: see {@link #postgresEnvironment}), naming every
     * parameter as the JDBC driver has it, since the clients' environment loses PGUSER, PGSSLMODE and the others (see
     * {@link ChildEnvironment#cleanForClientProgram}): the user defaults to the JVM's, as pgjdbc's does, and TLS is as
     * pgjdbc has it ({@link PostgresClientTls}: sslmode, its CA, the client certificate and key). An empty database is
     * left out: both then take the user's.
     *
     * @throws FlotillaException NOT_SUPPORTED_YET for TLS settings the clients cannot follow, named
     */
    public static String conninfo(TargetSpec spec) {
        Map<String, String> parameters = new LinkedHashMap<>(parameters(spec.url()));
        parameters.remove("password");
        parameters.put("user", user(spec) != null ? user(spec) : System.getProperty("user.name"));
        parameters.putAll(PostgresClientTls.parameters(spec, query(spec.url())));
        StringBuilder conninfo = new StringBuilder();
        parameters.forEach((key, value) -> {
            if (!(key.equals("dbname") && value.isEmpty())) {
                conninfo.append(key).append("='").append(value.replace("\\", "\\\\").replace("'", "\\'")).append("' ");
            }
        });
        return conninfo.toString().strip();
    }

    /**
     * The environment of PostgreSQL's clients: the password (PGPASSWORD), the connect timeout Flotilla's own connection
     * to the URL has (its {@code connectTimeout}/{@code loginTimeout}, else {@link ConnectTimeout}, whole seconds: see
     * {@link ClientConnectTimeout#postgresSeconds}); the ambient ones are removed ({@link ChildEnvironment#cleanForClientProgram}),
     * PGAPPNAME with them, so each program shows in {@code pg_stat_activity} (and in Flotilla's own lock-holder messages)
     * under its own name, {@code pg_dump} or {@code psql}, not one left in the shell.
     */
    public static Map<String, String> postgresEnvironment(TargetSpec spec) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGCONNECT_TIMEOUT", String.valueOf(ClientConnectTimeout.postgresSeconds(spec.url(), ConnectTimeout.current())));
        String password = password(spec);
        if (password != null) {
            environment.put("PGPASSWORD", password);
        }
        return Map.copyOf(environment);
    }

    /**
     * The leading arguments for MariaDB's clients: an option file with the password (deleted by the caller),
     * host, port and user, and TLS as the URL asks the driver for it (see {@link MariaDbClientTls}). The file is given as {@code --defaults-file}, first (the clients accept it nowhere else), so
     * it is the only option file they read: with {@code --defaults-extra-file} a {@code [client]} password in the user's
     * {@code ~/.my.cnf}, read after it, overrode Flotilla's and the backup logged in as someone else or not at all. Nor
     * do they read /etc/mysql/my.cnf then (its socket, its [client] TLS settings): {@code --no-defaults} is not needed,
     * and would drop the option file, so the password with it.
     */
    public static List<String> mariadbArguments(TargetSpec spec, Path optionFile) {
        Map<String, String> parameters = parameters(spec.url());
        String password = password(spec);
        try {
            Files.writeString(optionFile, "[client]\npassword=" + optionValue(password == null ? "" : password) + "\n");
            Files.setPosixFilePermissions(optionFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new FlotillaException(ErrorCode.INTERNAL, "Cannot write the client option file " + optionFile + ": " + e.getMessage());
        }
        String user = user(spec) != null ? user(spec) : "root";
        // TCP as the JDBC driver connects: for host localhost the clients would take a socket (MYSQL_UNIX_PORT's) instead.
        List<String> arguments = new java.util.ArrayList<>(List.of("--defaults-file=" + optionFile, "--protocol=TCP",
                "--host=" + parameters.get("host"), "--port=" + parameters.get("port"), "--user=" + user));
        arguments.addAll(MariaDbClientTls.arguments(spec));
        return List.copyOf(arguments);
    }

    /**
     * Whether the URL asks MariaDB's clients for TLS without verifying the server (Connector/J's trust): they then talk
     * in the clear to a server that offers none, and no option of theirs (10.x) requires it, so their caller checks.
     */
    public static boolean mariadbTlsUnverified(TargetSpec spec) {
        return MariaDbClientTls.unverified(spec);
    }

    /**
     * The arguments of the {@code mariadb} client (restore): {@link #mariadbArguments}, and {@code --connect-timeout} as
     * the JDBC connection has it (see {@link ClientConnectTimeout#mariadbSeconds}). {@code mariadb-dump} takes theirs
     * alone: it has no such option (10.11 refuses it).
     */
    public static List<String> mariadbClientArguments(TargetSpec spec, Path optionFile) {
        List<String> arguments = new java.util.ArrayList<>(mariadbArguments(spec, optionFile));
        arguments.add("--connect-timeout=" + ClientConnectTimeout.mariadbSeconds(spec.url(), ConnectTimeout.current()));
        return List.copyOf(arguments);
    }

    /**
     * {@code value} as one value of a MariaDB/MySQL option file, in double quotes, read back as itself: the clients'
     * parser (mysys my_default.c) turns {@code \\ \" \n \r \t \b} into their characters (inside quotes or not), so a
     * backslash is doubled and a line break or tab written as its escape; a {@code #} or {@code ;} inside the quotes is
     * no comment. A NUL cannot be written (the parser reads C strings) and is refused, and so is a line the parser's
     * buffer would cut.
     */
    static String optionValue(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The password contains a NUL character, which MariaDB's"
                    + " client programs (mariadb-dump, mariadb) cannot be given: change the database user's password.");
        }
        StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                default -> quoted.append(c);
            }
        }
        if (quoted.length() > MAX_OPTION_VALUE) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "The password is longer than MariaDB's client programs"
                    + " (mariadb-dump, mariadb) read from an option file (about " + MAX_OPTION_VALUE + " characters):"
                    + " give the database user a shorter password.");
        }
        return quoted.append('"').toString();
    }

    /**
     * The user the JDBC drivers log in as, which the client programs must use too: pgjdbc and Connector/J both let
     * the URL's {@code user=} win over the user given beside the URL (the configuration's {@code tenancy.user}).
     */
    public static String user(TargetSpec spec) {
        String inUrl = queryParameter(spec.url(), "user");
        return inUrl != null ? inUrl : spec.user();
    }

    /** The password the drivers log in with: the URL's, where it has one (as for the user), else the spec's. */
    private static String password(TargetSpec spec) {
        String inUrl = queryParameter(spec.url(), "password");
        return inUrl != null ? inUrl : spec.password() != null ? spec.password().reveal() : null;
    }

    /** The URL's query parameters ({@code ?a=1&b=2}) by their names as given, decoded; the last of a name wins, as in pgjdbc. */
    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    /** A parameter of the URL's query ({@code ?a=1&b=2}), decoded; null when the URL has none of that name. */
    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
