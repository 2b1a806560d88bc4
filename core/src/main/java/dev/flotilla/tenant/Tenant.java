package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.List;
import java.util.Objects;

/**
 * A tenant as registered in the control plane.
 *
 * @param url its own JDBC URL, or null to use the tenancy's URL or template
 * @param schema its own schema (database on MariaDB), or null to use the tenancy's template
 * @param credentials its own login, or {@link TenantCredentials#NONE} to log in as the tenancy does
 */
public record Tenant(TenantId id, String name, String url, String schema, List<String> groups, TenantCredentials credentials) {
    /** The longest name the control plane keeps. */
    public static final int NAME_LENGTH = 200;

    /** A tenant that logs in as the tenancy does. */
    public Tenant(TenantId id, String name, String url, String schema, List<String> groups) {
        this(id, name, url, schema, groups, TenantCredentials.NONE);
    }

    public Tenant {
        Objects.requireNonNull(id, "id");
        credentials = credentials == null ? TenantCredentials.NONE : credentials;
        name = name == null || name.isBlank() ? id.value() : name;
        if (name.length() > NAME_LENGTH) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The name of tenant " + id + " is " + name.length()
                    + " characters long; at most " + NAME_LENGTH + " are kept.");
        }
        groups = List.copyOf(groups);
        for (String group : groups) { // group names follow the same rule as ids
            if (!TenantId.valid(group)) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "Invalid group name '" + group + "' for tenant " + id + ": "
                        + TenantId.RULE);
            }
        }
    }

    /** This tenant with {@code credentials} as its own login. */
    public Tenant withCredentials(TenantCredentials credentials) {
        return new Tenant(id, name, url, schema, groups, credentials);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** As a record says itself, the password written in its URL masked: an application logging a tenant logs no secret. */
    @Override
    public String toString() {
        return "Tenant[id=" + id + ", name=" + name + ", url=" + dev.flotilla.sql.JdbcUrls.redact(url) + ", schema=" + schema
                + ", groups=" + groups + ", credentials=" + credentials + "]";
    }
}
