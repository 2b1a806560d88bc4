package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds tenants that already exist on a server: the databases (database-per-tenant) or schemas
 * (schema-per-tenant) whose names match the tenancy's template. Reads the catalog only; where the template names a
 * database file (SQLite, H2), lists its folder instead ({@link DatabaseFiles}). The server's own
 * databases and schemas (PostgreSQL's {@code pg_*} and {@code information_schema}, MariaDB's {@code mysql},
 * {@code sys}...) are never tenants, and the default ones ({@code public}, PostgreSQL's {@code postgres}
 * database) are left out with a word, since a template of {@code {tenant}} alone matches every name.
 */
public final class TenantDiscovery {
    /**
     * @param ids tenants found, by name order
     * @param ignored names that matched the pattern but give no valid tenant id, with why
     */
    public record Found(List<TenantId> ids, List<String> ignored, String server) {
        public Found {
            ids = List.copyOf(ids);
            ignored = List.copyOf(ignored);
        }
    }

    private static final Set<String> MARIADB_OWN = Set.of("information_schema", "mysql", "performance_schema", "sys");

    private final Tenancy tenancy;

    public TenantDiscovery(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /**
     * @param serverUrl where to look, or null to derive it from the tenancy
     * @param pattern a SQL LIKE pattern for the names, or null for the template with {tenant} as '%'
     */
    public Found discover(String serverUrl, String pattern) {
        if (tenancy.model() == TenancyModel.DATABASE_PER_TENANT && DatabaseFiles.names(tenancy.urlTemplate())) {
            return discoverFiles(serverUrl, pattern);
        }
        String template = nameTemplate();
        String like = pattern != null ? pattern : template.replace(Tenancy.TENANT, "%");
        TargetSpec server = new TargetSpec(serverUrl != null ? serverUrl : serverUrl(), tenancy.user(), tenancy.password(),
                null, null);
        boolean postgresDatabases = tenancy.model() == TenancyModel.DATABASE_PER_TENANT
                && server.url().startsWith("jdbc:postgresql:");
        String sql = postgresDatabases
                ? "SELECT datname FROM pg_database WHERE datname LIKE ? AND NOT datistemplate ORDER BY datname"
                : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ? ORDER BY schema_name";
        List<String> names;
        try (Connection connection = TargetSession.connectToServer(server)) {
            names = Jdbc.queryStrings(connection, sql, like);
        } catch (SQLException e) {
            throw Failures.of(server, "listing " + (postgresDatabases ? "databases" : "schemas"), e);
        }
        return found(template, names, server.displayName(), name -> notATenant(server.url(), postgresDatabases, name),
                new ArrayList<>());
    }

    /** The tenants whose database files (SQLite, H2) are in the folder the URL template names. */
    private Found discoverFiles(String serverUrl, String pattern) {
        if (serverUrl != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--url names a server to look on, and the tenancy's databases"
                    + " are files (" + JdbcUrls.redact(tenancy.urlTemplate()) + "): leave --url out, and tenants discover lists the folder"
                    + " the template names.");
        }
        DatabaseFiles files = DatabaseFiles.of(tenancy.urlTemplate());
        List<String> ignored = new ArrayList<>();
        List<String> names = files.list(pattern, ignored);
        return found(files.nameTemplate(), names, files.where(), name -> null, ignored);
    }

    /** The tenants {@code names} give by {@code template}; the rest join {@code ignored}, with why. */
    private static Found found(String template, List<String> names, String server, Function<String, String> notATenant,
            List<String> ignored) {
        int at = template.indexOf(Tenancy.TENANT);
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + Tenancy.TENANT.length());
        List<TenantId> ids = new ArrayList<>();
        for (String name : names) {
            String why = notATenant.apply(name);
            if (why != null) {
                if (!why.isEmpty()) {
                    ignored.add(name + ": " + why);
                }
                continue;
            }
            if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
                ignored.add(name + ": does not fit the template " + template);
                continue;
            }
            String id = name.substring(prefix.length(), name.length() - suffix.length());
            try {
                ids.add(TenantId.of(id));
            } catch (FlotillaException e) {
                ignored.add(name + ": '" + id + "' is not a valid tenant id");
            }
        }
        return new Found(ids, ignored, server);
    }

    /**
     * Why a name the server listed is not a tenant's: "" for the server's own (left out without a word), a reason
     * for a default database or schema (where an application keeps what its tenants share), null for a candidate.
     */
    static String notATenant(String serverUrl, boolean postgresDatabases, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (serverUrl.startsWith("jdbc:mariadb:") || serverUrl.startsWith("jdbc:mysql:")) {
            return MARIADB_OWN.contains(lower) ? "" : null;
        }
        if (postgresDatabases) {
            return lower.equals("postgres") ? "the server's default database, not taken for a tenant (`flotilla tenants add "
                    + name + " --url <its JDBC URL>` registers it)" : null;
        }
        if (lower.equals("information_schema") || (lower.startsWith("pg_") && serverUrl.startsWith("jdbc:postgresql:"))) {
            return "";
        }
        return lower.equals("public") ? "every database's default schema, not taken for a tenant (`flotilla tenants add "
                + name + " --schema " + name + "` registers it)" : null;
    }

    private String nameTemplate() {
        return switch (tenancy.model()) {
            case SCHEMA_PER_TENANT -> tenancy.schemaTemplate();
            case DATABASE_PER_TENANT -> {
                String afterHost = tenancy.urlTemplate().substring(tenancy.urlTemplate().indexOf("//") + 2);
                yield afterHost.substring(afterHost.indexOf('/') + 1).split("[?;]")[0];
            }
            case SHARED_SCHEMA -> throw new FlotillaException(ErrorCode.BAD_USAGE, "In shared-schema mode tenants are"
                    + " rows, not databases: register them with `flotilla tenants import --query`.");
        };
    }

    private String serverUrl() {
        if (tenancy.model() == TenancyModel.SCHEMA_PER_TENANT) {
            return tenancy.url();
        }
        String template = tenancy.urlTemplate();
        if (!template.contains("//")) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Discovering the databases of " + JdbcUrls.redact(template)
                    + " is not supported yet; register them with `flotilla tenants add ID --url URL`.");
        }
        int path = template.indexOf('/', template.indexOf("//") + 2);
        String database = template.startsWith("jdbc:postgresql:") ? "postgres" : "";
        String rest = template.substring(path + 1);
        int options = indexOfAny(rest, "?;");
        return template.substring(0, path + 1) + database + (options < 0 ? "" : rest.substring(options));
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
