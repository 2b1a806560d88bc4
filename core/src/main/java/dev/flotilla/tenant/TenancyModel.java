package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How tenants map to targets. */
public enum TenancyModel {
    /** Each tenant its own database: a URL template with {tenant}. */
    DATABASE_PER_TENANT("database-per-tenant"),
    /** One server, one schema per tenant (a database per tenant on MariaDB/MySQL): a schema template. */
    SCHEMA_PER_TENANT("schema-per-tenant"),
    /** One schema, rows carry tenant_id: every tenant maps to the same target, migrated once. */
    SHARED_SCHEMA("shared-schema");

    private final String word;

    TenancyModel(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static TenancyModel parse(String text) {
        return Arrays.stream(values()).filter(m -> m.word.equals(text)).findFirst().orElseThrow(() ->
                new FlotillaException(ErrorCode.BAD_CONFIG, "Unknown tenancy model '" + text + "': use one of "
                        + Arrays.stream(values()).map(TenancyModel::word).collect(Collectors.joining(", "))));
    }
}
