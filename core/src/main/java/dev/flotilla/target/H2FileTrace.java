package dev.flotilla.target;

import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * H2 writes a statement that fails, with the values written in it (a secret placeholder's among them), to the trace file
 * beside the database ({@code name.trace.db}). Flotilla's connections to a tenant's H2 database switch that file off
 * ({@code TRACE_LEVEL_FILE=0}, for the database while it is open) unless the URL chooses a level itself: H2 refuses a
 * setting given twice, and the user's choice stands. An in-memory database has no file to write. Stateless.
 */
final class H2FileTrace {
    static final String SETTING = "TRACE_LEVEL_FILE";
    private static final Pattern IN_URL = Pattern.compile("(?i);\\s*" + SETTING + "\\s*=");
    /** H2's ADMIN_RIGHTS_REQUIRED: only an admin may change the setting. */
    private static final int ADMIN_RIGHTS_REQUIRED = 90040;

    private H2FileTrace() {
    }

    /** Adds the setting switching the trace file off to {@code properties} where it applies; whether it did. */
    static boolean switchOff(Properties properties, String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || IN_URL.matcher(url).find()
                || properties.containsKey(SETTING)) {
            return false;
        }
        properties.setProperty(SETTING, "0");
        return true;
    }

    /**
     * Whether H2 refused the connection for the setting alone: a user who is no admin may not change it, and connects
     * without it, as before (its trace file then written as H2 writes it).
     */
    static boolean refused(SQLException e) {
        return e.getErrorCode() == ADMIN_RIGHTS_REQUIRED;
    }
}
