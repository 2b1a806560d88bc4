package dev.flotilla.target;

import dev.flotilla.sql.Identifiers;
import dev.flotilla.sql.JdbcUrls;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where one target lives: a JDBC URL, credentials, an optional schema (a database on MariaDB), and the
 * name of its history table. {@code toString} and {@link #displayName()} never show the password.
 *
 * @param password null when the URL or the driver needs none
 * @param schema null to use the connection's default schema
 * @param missingFileRefusal null, or what to say when the SQLite or H2 file the URL names is not there: such a file is
 *     then neither created (not even by a first deploy) nor read as an empty database (a tenant an earlier version
 *     registered with a relative file, which may be elsewhere)
 * @param historyZone the zone the history table's wall-clock times ({@code installed_on}) are written and read in; null
 *     for this process's own, as a tenant's history keeps them (Flyway's way); UTC for the control plane's own history,
 *     as every other time the plane keeps
 */
public record TargetSpec(String url, String user, Secret password, String schema, String historyTable,
                         String missingFileRefusal, ZoneId historyZone) {
    public static final String DEFAULT_HISTORY_TABLE = "tenant_migrations";

    /** A target whose database file, if its URL names one, a deploy creates when it is not there. */
    public TargetSpec(String url, String user, Secret password, String schema, String historyTable) {
        this(url, user, password, schema, historyTable, null);
    }

    /** A target whose history keeps the wall-clock times of the process that writes it. */
    public TargetSpec(String url, String user, Secret password, String schema, String historyTable,
                      String missingFileRefusal) {
        this(url, user, password, schema, historyTable, missingFileRefusal, null);
    }

    public TargetSpec {
        Objects.requireNonNull(url, "url");
        if (schema != null) {
            Identifiers.require(schema, "schema");
        }
        historyTable = Identifiers.require(historyTable == null ? DEFAULT_HISTORY_TABLE : historyTable, "history table");
    }

    /** Whether the URL names a SQLite or H2 database file that is not there (the driver would create it, empty). */
    public boolean namesMissingFile() {
        return DatabaseFile.of(url).filter(file -> !file.exists()).isPresent();
    }

    /** The URL with its secrets masked, and the schema when one is set: safe to print. */
    public String displayName() {
        String url = JdbcUrls.redact(this.url);
        if (password != null && !password.is(user)) {
            url = password.scrub(url);
        }
        return schema == null ? url : url + " (schema " + schema + ")";
    }

    /**
     * Masks the password, the secrets written inside the URL (also where they appear bare, as whole words: see
     * {@link Secret#scrub}), and URL-shaped secrets in text that came from the driver or a client program; the
     * connection id MariaDB's driver puts before its messages is taken out too ({@link Failures#withoutConnectionId}):
     * every driver message shown of a target passes here.
     */
    public String scrub(String text) {
        String masked = JdbcUrls.redact(Failures.withoutConnectionId(text));
        for (String secret : JdbcUrls.secretsIn(url)) {
            masked = Secret.of(secret).scrub(masked);
        }
        // A password that is the user's name is as public as the name: masking it would hide the user in every message.
        return password == null || password.is(user) ? masked : password.scrub(masked);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
