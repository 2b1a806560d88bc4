package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.regex.Pattern;

/**
 * A tenant's identifier. It ends up in database names, schema names and URLs, so only letters, digits,
 * '_' and '-' are allowed: nothing can be injected through a tenant name.
 */
public record TenantId(String value) implements Comparable<TenantId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Invalid tenant id '" + value + "': use 1 to 63 letters, digits,"
                    + " '_' or '-', starting with a letter or digit.");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
