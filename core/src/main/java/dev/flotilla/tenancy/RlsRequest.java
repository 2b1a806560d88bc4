package dev.flotilla.tenancy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Identifiers;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code flotilla tenancy rls} is asked to do. A null component takes its default.
 *
 * @param column the tenant column the policies compare, e.g. {@code tenant_id} (default)
 * @param setting the setting that names the current tenant, {@code prefix.name} (default {@code app.tenant_id})
 * @param bypassRole the role whose members see and write every tenant's rows (default {@code flotilla_admin})
 * @param exclude tables (or views) shared by all tenants, left without row-level security (compared case-insensitively),
 *     as written: a name may be quoted whole with either quote, as configured names are ({@code "a.b"}, {@code `a.b`})
 */
public record RlsRequest(String column, String setting, String bypassRole, Set<String> exclude) {
    public static final String DEFAULT_COLUMN = "tenant_id";
    public static final String DEFAULT_SETTING = "app.tenant_id";
    public static final String DEFAULT_BYPASS_ROLE = "flotilla_admin";
    private static final Pattern SETTING = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

    public RlsRequest {
        column = Identifiers.require(column == null ? DEFAULT_COLUMN : column, "tenant column");
        setting = setting == null ? DEFAULT_SETTING : setting;
        if (!SETTING.matcher(setting).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Not a setting name: '" + setting + "'. Name the setting that"
                    + " carries the tenant as prefix.name, e.g. app.tenant_id: PostgreSQL takes a setting of its own only"
                    + " with a dot in its name.");
        }
        bypassRole = Identifiers.require(bypassRole == null ? DEFAULT_BYPASS_ROLE : bypassRole, "bypass role");
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(exclude == null ? Set.of() : exclude);
        exclude = Collections.unmodifiableSet(names);
    }

    /** The defaults: tenant_id, app.tenant_id, flotilla_admin, no table excluded. */
    public static RlsRequest defaults() {
        return new RlsRequest(null, null, null, Set.of());
    }

    public RlsRequest withColumn(String name) {
        return new RlsRequest(name, setting, bypassRole, exclude);
    }

    public RlsRequest withBypassRole(String role) {
        return new RlsRequest(column, setting, role, exclude);
    }

    public RlsRequest excluding(Set<String> tables) {
        return new RlsRequest(column, setting, bypassRole, tables);
    }

    boolean excludes(String table) {
        return exclude.stream().anyMatch(name -> ExcludedName.names(name, table));
    }
}
