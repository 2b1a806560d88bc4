package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.regex.Pattern;

/**
 * Checks names that Flotilla puts into SQL itself (schemas, history table). Quoting alone would make them
 * safe, but a name with quotes or control characters is always a mistake worth reporting.
 */
public final class Identifiers {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");

    private Identifiers() {
    }

    /** Whether {@code name} is a plain identifier, which {@link #require} accepts. */
    public static boolean isPlain(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    /** Returns {@code name} when it is a plain identifier, else throws naming what it is for. */
    public static String require(String name, String what) {
        if (!isPlain(name)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Invalid " + what + " name '" + name
                    + "': use letters, digits, '_', '$' or '-', starting with a letter or '_', at most 63 characters");
        }
        return name;
    }
}
