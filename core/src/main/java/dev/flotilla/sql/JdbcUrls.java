package dev.flotilla.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets written inside JDBC URLs, so a URL can be shown in messages, logs and reports; finds the database
 * a server URL names.
 */
public final class JdbcUrls {
    /** A character that may stand in a URL parameter's value: not what ends a parameter, the URL, or a quote around it. */
    private static final String VALUE_CHAR = "[^&;#\\s\"'`<>()\\[\\]{},]";
    /**
     * A parameter whose name holds a word for a secret ({@code password1}, {@code sslPassword}, {@code api_key},
     * {@code access_token}, {@code sig}; not {@code sslkey} or {@code keyStore}, which name files); its value ends where
     * a URL's parameter or the URL itself ends, so that the rest of a message that quotes the URL
     * ({@code ...?token=abc refused}) is kept. Punctuation ending the value where the URL ends ({@code ?token=abc. Retry},
     * {@code ?sig=s1: refused}) is read as the sentence's, and kept: a dot in the middle of a value is masked with it.
     */
    static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:^|[?&;#])(?:[a-z0-9_.-]*(?:password|passwd|pwd|secret|token)"
            + "[a-z0-9_.-]*|(?:[a-z0-9_.-]*[_.-])?(?:api|access)?(?:key|sig|signature))=)(" + VALUE_CHAR + "*?)(?=[.:!?]*(?!"
            + VALUE_CHAR + "))");
    /**
     * A password written as a keyword and its value in free text, where no URL delimits it: libpq's conninfo
     * ({@code host=h password=x}), a client program's option echoed in its error ({@code '--password=x'}), an environment
     * variable ({@code PGPASSWORD=x}, {@code MYSQL_PWD=x}), a connection string ({@code Server=h; Password = x}). The
     * keyword is a whole word (so {@code password-env=VAR} and {@code passwordFile=f}, which name where a password is,
     * not the password, are left alone) and may have blanks around {@code =}; the value is quoted ({@code 'a b'},
     * {@code "a b"}, as JSON escapes it {@code \"a b\"}) or runs to a blank, a quote, a separator or an escape (a
     * JSON-escaped backslash, {@code \\}, taken with it), punctuation ending a sentence there kept. It is masked
     * whatever it is, also when it is not the configured password (one inside a URL template, a file's).
     * It also masks SQL quoted in a task's log or error ({@code SET token = 'abc'}, {@code WHERE api_token = 'abc'}),
     * which reads as a keyword and its value too: kept so on purpose, as that is where a migration writes a secret (a
     * service account's password or token set by a statement), and telling a comparison from an assignment, or a column
     * from a connection string, would need SQL parsing in every message; the statement run is not changed, only shown.
     */
    static final Pattern KEYWORD_SECRET = Pattern.compile("(?i)((?<![a-z0-9_.-])[a-z0-9_.-]*(?:password|passwd|pwd"
            + "|secret|token)[0-9]*[ \\t]*=[ \\t]*)"
            + "('(?:[^'\\\\]|\\\\.)*'|\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|\"[^\"]*\""
            + "|(?:[^\\s'\"`&;,()\\[\\]{}<>\\\\]|\\\\\\\\)+?(?=[.:!?]*(?:[\\s'\"`&;,()\\[\\]{}<>]|\\\\(?!\\\\)|$)))");
    /**
     * A credential sent in an HTTP header, as a hook's command line writes it for curl or a program it runs echoes it
     * ({@code curl -v}): {@code Authorization: Bearer abc}, {@code Proxy-Authorization: Basic dXNlcjpw}, whatever its scheme
     * (one of the usual words, or none); the value runs to a blank, a quote, a backslash (JSON's escape), {@code ,} or
     * {@code ;}. A variable's name ({@code Bearer $HOOK_TOKEN}, {@code ${HOOK_TOKEN}}) or a placeholder in advice
     * ({@code Bearer <token>}) is not a credential and is kept (the scheme is taken atomically, so that it is not read as
     * the value instead).
     */
    static final Pattern AUTHORIZATION_HEADER = Pattern.compile("(?i)((?<![a-z0-9_-])(?:proxy-)?authorization[ \\t]*:[ \\t]*"
            + "(?>(?:(?:bearer|basic|digest|token|negotiate)[ \\t]+)?))((?![$<])[^\\s'\"`\\\\,;]+)");
    /**
     * A bearer token named as one without its header ({@code sent Bearer tok_9f8e7d6c5b}): 8 characters or more, a digit
     * among them, so that prose ({@code the bearer of}) is kept.
     */
    static final Pattern BEARER_TOKEN = Pattern.compile("(?i)((?<![a-z0-9_-])bearer[ \\t]+)((?!\\$)(?=[^\\s'\"`\\\\,;]*[0-9])"
            + "[^\\s'\"`\\\\,;]{8,})");
    static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;#\\s]*:)([^/@?;#\\s]*)(@)");

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:(?:postgresql|mariadb|mysql)://[^/?;]*)/([^/?;]+)(.*)$");

    private JdbcUrls() {
    }

    /** A PostgreSQL or MariaDB URL split around the database it names: {@code server/database options}. */
    public record DatabaseInUrl(String server, String database, String options) {
        /** The same URL naming {@code other} instead ("" for none: the server itself, on MariaDB). */
        public String with(String other) {
            return server + "/" + other + options;
        }
    }

    /** The database a PostgreSQL or MariaDB URL names, when it names one. */
    public static java.util.Optional<DatabaseInUrl> databaseIn(String url) {
        Matcher matcher = DATABASE_IN_URL.matcher(url);
        return matcher.matches() ? java.util.Optional.of(new DatabaseInUrl(matcher.group(1), matcher.group(2), matcher.group(3)))
                : java.util.Optional.empty();
    }

    /**
     * The URL with the relative path of its database file resolved against {@code folder}: a SQLite file
     * ({@code jdbc:sqlite:tenants/{tenant}.db}, {@code jdbc:sqlite:file:...}) or an H2 file ({@code jdbc:h2:file:path},
     * {@code jdbc:h2:./path}, then written {@code jdbc:h2:file:/folder/path}), options kept. Any other URL (a server, in
     * memory, an absolute or {@code ~/} path) is returned as given.
     */
    public static String withFileIn(String url, java.nio.file.Path folder) {
        if (url == null) {
            return null;
        }
        String prefix;
        char options;
        if (url.startsWith("jdbc:sqlite:")) {
            prefix = url.startsWith("jdbc:sqlite:file:") ? "jdbc:sqlite:file:" : "jdbc:sqlite:";
            options = '?';
        } else if (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:./") || url.startsWith("jdbc:h2:../")) {
            prefix = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:" : "jdbc:h2:";
            options = ';';
        } else {
            return url;
        }
        String path = url.substring(prefix.length());
        int end = path.indexOf(options);
        String file = end < 0 ? path : path.substring(0, end);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("~") || java.nio.file.Path.of(file).isAbsolute()) {
            return url;
        }
        String resolved = folder.resolve(file).toAbsolutePath().normalize().toString();
        return (options == ';' ? "jdbc:h2:file:" : prefix) + resolved + (end < 0 ? "" : path.substring(end));
    }

    /** The secret values written inside a URL (password parameters, {@code user:password@}), to mask elsewhere. */
    public static java.util.List<String> secretsIn(String url) {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        if (url != null && SecretNames.mayNameParameter(url)) {
            SECRET_PARAMETER.matcher(url).results().map(m -> m.group(2)).filter(v -> !v.isEmpty()).forEach(secrets::add);
        }
        if (url != null && mayHoldUserInfo(url)) {
            USER_INFO.matcher(url).results().map(m -> m.group(2)).filter(v -> !v.isEmpty()).forEach(secrets::add);
        }
        return secrets;
    }

    /** The names of the password-like parameters written inside a URL ({@code pwd}, {@code password1}), without their values. */
    public static java.util.List<String> secretParametersIn(String url) {
        return url == null || !SecretNames.mayNameParameter(url) ? java.util.List.of() : SECRET_PARAMETER.matcher(url).results()
                .map(m -> m.group(1).substring(m.group(1).startsWith("?") || m.group(1).startsWith("&")
                        || m.group(1).startsWith(";") || m.group(1).startsWith("#") ? 1 : 0, m.group(1).length() - 1)).toList();
    }

    /** Whether the URL carries credentials before its host ({@code //user:password@host}), which the drivers do not read. */
    public static boolean hasCredentialsBeforeHost(String url) {
        return url != null && USER_INFO.matcher(url).find();
    }

    /**
     * The URL, or a text quoting URLs and connection strings, with every password-like parameter, keyword-written password
     * ({@link #KEYWORD_SECRET}), HTTP credential ({@link #AUTHORIZATION_HEADER}, {@link #BEARER_TOKEN}), webhook's token
     * in its path ({@link WebhookUrls}) and {@code user:password@} replaced by {@code ****}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = url;
        if (mayHoldParameter(url)) {
            if (SecretNames.mayNameParameter(masked)) {
                masked = SECRET_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
            }
            if (SecretNames.mayNameKeyword(masked)) {
                masked = KEYWORD_SECRET.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
            }
        }
        if (mayHoldAuthorization(masked)) {
            masked = AUTHORIZATION_HEADER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
            masked = BEARER_TOKEN.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
        }
        masked = WebhookUrls.mask(masked);
        return !mayHoldUserInfo(masked) ? masked
                : USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
    }

    /*
     * What each pattern cannot match without: a task masks its target's URL and every line of its log several times a
     * tenant, and most of them hold neither character (the regexes were 7% of a deploying thread's CPU: bench round 22).
     * Where there is an '=', SecretNames looks for a secret's name before it (bench round 28).
     */
    private static boolean mayHoldParameter(String text) {
        return text.indexOf('=') >= 0;
    }

    /** Whether an Authorization header or a bearer token may be written there (in any case: four scans of intrinsics). */
    private static boolean mayHoldAuthorization(String text) {
        return text.indexOf("earer") >= 0 || text.indexOf("uthorization") >= 0 || text.indexOf("EARER") >= 0
                || text.indexOf("UTHORIZATION") >= 0;
    }

    private static boolean mayHoldUserInfo(String text) {
        return text.indexOf('@') >= 0;
    }
}
