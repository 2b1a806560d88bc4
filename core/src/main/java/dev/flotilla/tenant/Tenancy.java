package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.util.Objects;

/**
 * How to reach every tenant's target: the model, the server URL or URL template, the schema template and
 * the credentials (the password only in memory, read from a variable or file). Immutable.
 *
 * @param url the server for schema-per-tenant and shared-schema
 * @param urlTemplate the URL with {tenant}, for database-per-tenant
 * @param schemaTemplate the schema with {tenant}, for schema-per-tenant; the shared schema for shared-schema
 */
public record Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user,
                      Secret password, String historyTable) {
    public static final String TENANT = "{tenant}";

    public Tenancy {
        Objects.requireNonNull(model, "model");
        switch (model) {
            case DATABASE_PER_TENANT -> require(urlTemplate != null && urlTemplate.contains(TENANT),
                    "tenancy.urlTemplate with {tenant}, e.g. jdbc:mariadb://127.0.0.1:3306/bgerp_t_{tenant}");
            case SCHEMA_PER_TENANT -> {
                require(url != null, "tenancy.url, the server holding the tenant schemas");
                schemaTemplate = schemaTemplate == null ? TENANT : schemaTemplate;
                require(schemaTemplate.contains(TENANT), "tenancy.schemaTemplate with {tenant}, e.g. t_{tenant}");
            }
            case SHARED_SCHEMA -> require(url != null, "tenancy.url, the shared database");
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The tenancy configuration needs " + what + ".");
        }
    }

    /** The target of one tenant; a tenant's own URL or schema wins over the templates. */
    public TargetSpec targetOf(Tenant tenant) {
        String id = tenant.id().value();
        return switch (model) {
            case DATABASE_PER_TENANT -> new TargetSpec(tenant.url() != null ? tenant.url() : urlTemplate.replace(TENANT, id),
                    user, password, tenant.schema(), historyTable);
            case SCHEMA_PER_TENANT -> new TargetSpec(tenant.url() != null ? tenant.url() : url, user, password,
                    tenant.schema() != null ? tenant.schema() : schemaTemplate.replace(TENANT, id), historyTable);
            case SHARED_SCHEMA -> new TargetSpec(url, user, password, schemaTemplate, historyTable);
        };
    }
}
