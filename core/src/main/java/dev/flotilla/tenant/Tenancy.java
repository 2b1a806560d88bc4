package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach every tenant's target: the model, the server URL or URL template, the schema template and
 * the credentials (the password only in memory, read from a variable or file). Immutable.
 *
 * @param url the server for schema-per-tenant and shared-schema
 * @param urlTemplate the URL with {tenant}, for database-per-tenant
 * @param schemaTemplate the schema with {tenant}, for schema-per-tenant; the shared schema for shared-schema
 * @param home the folder of flotilla.yml, in which a tenant's relative SQLite or H2 file is; null to leave such a
 *     file to the driver (the working directory)
 */
public record Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user,
                      Secret password, String historyTable, Path home) {
    public static final String TENANT = "{tenant}";

    /** A tenancy without a folder for relative files (a library's caller, which gives absolute ones). */
    public Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user, Secret password,
                   String historyTable) {
        this(model, url, urlTemplate, schemaTemplate, user, password, historyTable, null);
    }

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

    /**
     * The tenant as it is to be registered: a URL with a password in it is refused (passwords are never stored), and
     * a relative SQLite or H2 file in it is written resolved against {@link #home()}, as the templates' are.
     */
    public Tenant registering(Tenant tenant) {
        if (tenant.url() == null) {
            return tenant;
        }
        if (!JdbcUrls.secretsIn(tenant.url()).isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The URL of tenant " + tenant.id() + " carries a password;"
                    + " passwords are never stored. Remove it and set tenancy.passwordEnv.");
        }
        return home == null ? tenant : new Tenant(tenant.id(), tenant.name(), JdbcUrls.withFileIn(tenant.url(), home),
                tenant.schema(), tenant.groups());
    }

    /**
     * The target of one tenant; a tenant's own URL or schema wins over the templates. An own URL stored with a
     * relative SQLite or H2 file (by a version that did not resolve it) is read in {@link #home()}, and its file is
     * never created there: see {@link RegisteredRelativeFile}.
     */
    public TargetSpec targetOf(Tenant tenant) {
        String id = tenant.id().value();
        return switch (model) {
            case DATABASE_PER_TENANT -> tenant.url() != null ? ownTarget(tenant, tenant.schema())
                    : new TargetSpec(urlTemplate.replace(TENANT, id), user, password, tenant.schema(), historyTable);
            case SCHEMA_PER_TENANT -> {
                String schema = tenant.schema() != null ? tenant.schema() : schemaTemplate.replace(TENANT, id);
                yield tenant.url() != null ? ownTarget(tenant, schema) : new TargetSpec(url, user, password, schema, historyTable);
            }
            case SHARED_SCHEMA -> new TargetSpec(url, user, password, schemaTemplate, historyTable);
        };
    }

    private TargetSpec ownTarget(Tenant tenant, String schema) {
        String resolved = home == null ? tenant.url() : JdbcUrls.withFileIn(tenant.url(), home);
        String refusal = resolved.equals(tenant.url()) ? null : RegisteredRelativeFile.refusal(tenant, resolved, home);
        return new TargetSpec(resolved, user, password, schema, historyTable, refusal);
    }
}
