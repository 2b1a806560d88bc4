package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How to reach every tenant's target: the model, the server URL or URL template, the schema template and
 * the credentials (the password only in memory, read from a variable or file). Its settings are immutable; the
 * passwords it reads from tenants' own files are kept for its life (each file read once, however many targets are built),
 * so it lives for one command, or one action of the console: a file changed meanwhile is read by the next. Thread-safe.
 * <p>
 * Who a tenant logs in as: its own {@link TenantCredentials} first (user, and password from its own variable or file,
 * never the tenancy's), else its URL's {@code user=} (which both JDBC drivers let win), else {@code user}. A tenant
 * whose own user would be overridden by a {@code user=} in its URL is refused at registration, and its connections fail
 * when such a {@code user=} was added to the URL afterwards.
 */
public final class Tenancy {
    public static final String TENANT = "{tenant}";

    private final TenancyModel model;
    private final String url;
    private final String urlTemplate;
    private final String schemaTemplate;
    private final String user;
    private final Secret password;
    private final String historyTable;
    private final Path home;
    private final Map<String, String> environment;
    /** The passwords read from tenants' own files, by tenant and file: read once for this object's life. */
    private final Map<List<String>, Secret> filePasswords = new ConcurrentHashMap<>();

    /** A tenancy reading tenants' own password variables in this process's environment. */
    public Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user, Secret password,
                   String historyTable, Path home) {
        this(model, url, urlTemplate, schemaTemplate, user, password, historyTable, home, System.getenv());
    }

    /** A tenancy without a folder for relative files (a library's caller, which gives absolute ones). */
    public Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user, Secret password,
                   String historyTable) {
        this(model, url, urlTemplate, schemaTemplate, user, password, historyTable, null);
    }

    /**
     * @param url the server for schema-per-tenant and shared-schema
     * @param urlTemplate the URL with {tenant}, for database-per-tenant
     * @param schemaTemplate the schema with {tenant}, for schema-per-tenant; the shared schema for shared-schema
     * @param home the folder of flotilla.yml, in which a tenant's relative SQLite or H2 file is; null to leave such a
     *     file to the driver (the working directory)
     * @param environment where a tenant's own password variable is read (the process's environment, or the CLI's)
     */
    public Tenancy(TenancyModel model, String url, String urlTemplate, String schemaTemplate, String user, Secret password,
                   String historyTable, Path home, Map<String, String> environment) {
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
        this.model = model;
        this.url = url;
        this.urlTemplate = urlTemplate;
        this.schemaTemplate = schemaTemplate;
        this.user = user;
        this.password = password;
        this.historyTable = historyTable;
        this.home = home;
        this.environment = environment == null ? Map.of() : environment;
    }

    /** The same tenancy, which reads tenants' password files again (a long-lived process's next piece of work). */
    public Tenancy readingPasswordFilesAgain() {
        return new Tenancy(model, url, urlTemplate, schemaTemplate, user, password, historyTable, home, environment);
    }

    public TenancyModel model() {
        return model;
    }

    public String url() {
        return url;
    }

    public String urlTemplate() {
        return urlTemplate;
    }

    public String schemaTemplate() {
        return schemaTemplate;
    }

    public String user() {
        return user;
    }

    public Secret password() {
        return password;
    }

    public String historyTable() {
        return historyTable;
    }

    public Path home() {
        return home;
    }

    public Map<String, String> environment() {
        return environment;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The tenancy configuration needs " + what + ".");
        }
    }

    /**
     * The tenant as it is to be registered: a URL with a password in it is refused (passwords are never stored), and
     * a relative SQLite or H2 file in it is written resolved against {@link #home()}, as the templates' are; so is a
     * relative password file of its own login, which is checked by {@link #registeringCredentials}.
     */
    public Tenant registering(Tenant tenant) {
        Tenant registered = tenant;
        if (tenant.url() != null) {
            if (!JdbcUrls.secretsIn(tenant.url()).isEmpty()) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "The URL of tenant " + tenant.id() + " carries a password;"
                        + " passwords are never stored. Remove it and give the tenant's login with --user and --password-env.");
            }
            registered = home == null ? tenant : new Tenant(tenant.id(), tenant.name(), JdbcUrls.withFileIn(tenant.url(), home),
                    tenant.schema(), tenant.groups(), tenant.credentials());
        }
        return registered.withCredentials(registeringCredentials(registered, registered.credentials()));
    }

    /**
     * The login {@code tenant} is to keep as its own: refused (BAD_USAGE) in shared-schema tenancy (its tenants share one
     * database and one login), when a {@code user=} in the tenant's URL would override the user (the drivers let the
     * URL's win), and when its password file cannot be read (a value that is no file's path may be a password given by
     * mistake: it is not shown); a relative file is resolved against {@link #home()}.
     */
    public TenantCredentials registeringCredentials(Tenant tenant, TenantCredentials credentials) {
        if (credentials.isEmpty()) {
            return credentials;
        }
        if (model == TenancyModel.SHARED_SCHEMA) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Tenant " + tenant.id() + " cannot have a login of its own in"
                    + " shared-schema tenancy: its tenants share one database and its login. Set tenancy.user and"
                    + " tenancy.passwordEnv in flotilla.yml.");
        }
        String urlUser = ClientConnection.user(new TargetSpec(targetOf(tenant.withCredentials(TenantCredentials.NONE)).url(),
                null, null, null, null));
        if (credentials.user() != null && urlUser != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Tenant " + tenant.id() + " has user=" + urlUser + " in its URL,"
                    + " which the database drivers let win over --user " + credentials.user() + ": give the user one way"
                    + " (remove user= from the URL, or leave out --user).");
        }
        TenantCredentials resolved = credentials.resolvedIn(home);
        if (resolved.passwordFile() != null && !Files.isReadable(Path.of(resolved.passwordFile()))) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The password file given for tenant " + tenant.id() + " cannot be"
                    + " read (it is not shown: it may be a password given by mistake). Give the path of a readable file whose"
                    + " first line is the password.");
        }
        return resolved;
    }

    /**
     * The target of one tenant; a tenant's own URL or schema wins over the templates. An own URL stored with a
     * relative SQLite or H2 file (by a version that did not resolve it) is read in {@link #home()}, and its file is
     * never created there: see {@link RegisteredRelativeFile}.
     */
    public TargetSpec targetOf(Tenant tenant) {
        TargetSpec target = placed(tenant);
        TenantCredentials own = tenant.credentials();
        if (own.isEmpty() || model == TenancyModel.SHARED_SCHEMA) {
            return target;
        }
        // A tenant's own login replaces the tenancy's whole: its password is never sent for another user.
        String refusal = overriddenUser(tenant, target.url());
        Secret password = refusal != null ? Secret.unavailable(refusal) : ownPassword(tenant);
        return new TargetSpec(target.url(), own.user() == null ? user : own.user(), password, target.schema(),
                target.historyTable(), target.missingFileRefusal());
    }

    /**
     * The name of the tenant's target as listings show it ({@link TargetSpec#displayName()}), read without its own
     * password: a listing neither needs nor reads the tenant's password file or variable.
     */
    public String displayNameOf(Tenant tenant) {
        return placed(tenant).displayName();
    }

    /**
     * The URL a tenant registered with {@code ownUrl} (null: none) is reached at, {@code {tenant}} left in a template:
     * enough to know its dialect, as {@link #targetOf} places it (shared-schema tenants share the tenancy's).
     */
    public String urlOf(String ownUrl) {
        if (ownUrl != null && model != TenancyModel.SHARED_SCHEMA) {
            return ownUrl;
        }
        return model == TenancyModel.DATABASE_PER_TENANT ? urlTemplate : url;
    }

    /** The tenant's target with the tenancy's login. */
    private TargetSpec placed(Tenant tenant) {
        String id = tenant.id().value();
        return switch (model) {
            case DATABASE_PER_TENANT -> tenant.url() != null ? ownTarget(tenant, tenant.schema(), user, password)
                    : new TargetSpec(urlTemplate.replace(TENANT, id), user, password, tenant.schema(), historyTable);
            case SCHEMA_PER_TENANT -> {
                String schema = tenant.schema() != null ? tenant.schema() : schemaTemplate.replace(TENANT, id);
                yield tenant.url() != null ? ownTarget(tenant, schema, user, password)
                        : new TargetSpec(url, user, password, schema, historyTable);
            }
            case SHARED_SCHEMA -> new TargetSpec(url, user, password, schemaTemplate, historyTable);
        };
    }

    /**
     * Why the tenant's own user cannot log in at {@code url}, or null: a {@code user=} there, which the drivers let win
     * (put in the URL after the tenant got its login, as registration refuses both).
     */
    private String overriddenUser(Tenant tenant, String url) {
        String own = tenant.credentials().user();
        String inUrl = ClientConnection.user(new TargetSpec(url, null, null, null, null));
        if (own == null || inUrl == null || inUrl.equals(own)) {
            return null;
        }
        String id = tenant.id().value();
        String where = tenant.url() != null ? "its URL" : model == TenancyModel.DATABASE_PER_TENANT ? "tenancy.urlTemplate"
                : "tenancy.url";
        String remove = tenant.url() != null ? "Register it again without user= in its URL (`flotilla tenants remove " + id
                + "`, then `flotilla tenants add " + id + " --url ...`)" : "Remove user= from " + where + " in flotilla.yml";
        return "Tenant " + id + " logs in as its own user " + own + ", but " + where + " has user=" + inUrl + ", which the"
                + " database drivers let win. " + remove + ", or clear the tenant's login with `flotilla tenants"
                + " set-credentials " + id + " --clear` (it then logs in as " + inUrl + ").";
    }

    /**
     * The password of the tenant's own login; one read from a file is kept for this object's life. One that could not
     * be read is not kept, so that each use says why it fails, as the first did.
     */
    private Secret ownPassword(Tenant tenant) {
        TenantCredentials own = tenant.credentials();
        if (own.passwordFile() == null) {
            return own.password(tenant.id(), environment);
        }
        List<String> key = List.of(tenant.id().value(), own.passwordFile());
        Secret kept = filePasswords.get(key);
        if (kept != null) {
            return kept;
        }
        Secret read = own.password(tenant.id(), environment);
        if (read.available()) {
            filePasswords.put(key, read);
        }
        return read;
    }

    private TargetSpec ownTarget(Tenant tenant, String schema, String user, Secret password) {
        String resolved = home == null ? tenant.url() : JdbcUrls.withFileIn(tenant.url(), home);
        String refusal = resolved.equals(tenant.url()) ? null : RegisteredRelativeFile.refusal(tenant, resolved, home);
        return new TargetSpec(resolved, user, password, schema, historyTable, refusal);
    }
}
