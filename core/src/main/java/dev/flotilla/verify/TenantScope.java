package dev.flotilla.verify;

/**
 * Which rows belong to the tenant being checked: all of the target's (database- and schema-per-tenant), or
 * those with {@code column = value} (shared-schema).
 */
public record TenantScope(String column, String value) {
    public static final TenantScope WHOLE_TARGET = new TenantScope(null, null);

    boolean shared() {
        return column != null;
    }
}
