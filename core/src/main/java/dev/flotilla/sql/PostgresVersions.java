package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL dialect for each server version this JVM has met: one dialect a major version (what the splitter
 * classes by), found from the version the server announced at login without parsing it again for every session. A
 * fleet whose servers run different versions gets a dialect for each. Thread-safe: every deployment's workers share it.
 */
final class PostgresVersions {
    /**
     * Version texts kept, at most: a fleet's servers run a few; a long-lived console that meets more (servers upgraded
     * under it) parses the rest per session, as before.
     */
    static final int MOST_TEXTS_KEPT = 64;
    private static final Map<Integer, PostgresDialect> BY_MAJOR = new ConcurrentHashMap<>();
    private static final Map<String, PostgresDialect> BY_TEXT = new ConcurrentHashMap<>();

    private PostgresVersions() {
    }

    /** The dialect of the server {@code connection} is on. */
    static PostgresDialect of(Connection connection) throws SQLException {
        DatabaseMetaData server = connection.getMetaData();
        // The server's version as it announced it at login, kept by the driver as it came; the major version is
        // parsed from it on every call.
        String text = server.getDatabaseProductVersion();
        PostgresDialect known = text == null ? null : BY_TEXT.get(text);
        if (known != null) {
            return known;
        }
        PostgresDialect dialect = ofMajor(server.getDatabaseMajorVersion());
        if (text != null && BY_TEXT.size() < MOST_TEXTS_KEPT) {
            BY_TEXT.putIfAbsent(text, dialect);
        }
        return dialect;
    }

    /** The one dialect of {@code majorVersion} (0: not known). */
    static PostgresDialect ofMajor(int majorVersion) {
        return BY_MAJOR.computeIfAbsent(majorVersion, PostgresDialect::new);
    }
}
