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
 * @param exclude tables (or views) shared by all tenants, left without row-level security (compared as {@link ExcludedName} does),
 *     as written: a name may be quoted whole with either quote, as configured names are ({@code "a.b"}, {@code `a.b`})
 * @param configured the tables (or views) flotilla.yml's {@code checks.rls.exclude} names: excluded as {@code exclude}'s
 *     are, without being given again, and never said to belong there
 */
public record RlsRequest(String column, String setting, String bypassRole, Set<String> exclude, Set<String> configured) {
    /** Row-level security is PostgreSQL's: a quoted name keeps its case. */
    static final dev.flotilla.schema.ConfiguredNames RULES = dev.flotilla.schema.ConfiguredNames.QUOTED_KEEP_CASE;

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
        exclude = names(exclude);
        configured = names(configured);
    }

    /** Without tables excluded by the configuration. */
    public RlsRequest(String column, String setting, String bypassRole, Set<String> exclude) {
        this(column, setting, bypassRole, exclude, Set.of());
    }

    private static Set<String> names(Set<String> given) {
        Set<String> names = new TreeSet<>(); // as written: "Orders" and orders may name two tables
        names.addAll(given == null ? Set.of() : given);
        return Collections.unmodifiableSet(names);
    }

    /** The defaults: tenant_id, app.tenant_id, flotilla_admin, no table excluded. */
    public static RlsRequest defaults() {
        return new RlsRequest(null, null, null, Set.of());
    }

    public RlsRequest withColumn(String name) {
        return new RlsRequest(name, setting, bypassRole, exclude, configured);
    }

    public RlsRequest withBypassRole(String role) {
        return new RlsRequest(column, setting, role, exclude, configured);
    }

    public RlsRequest excluding(Set<String> tables) {
        return new RlsRequest(column, setting, bypassRole, tables, configured);
    }

    /** The same request with the tables flotilla.yml's {@code checks.rls.exclude} names excluded too. */
    public RlsRequest configuredExcluding(Set<String> tables) {
        return new RlsRequest(column, setting, bypassRole, exclude, tables);
    }

    boolean excludes(String table) {
        return configures(table) || exclude.stream().anyMatch(name -> ExcludedName.names(name, table, RULES));
    }

    /** Whether flotilla.yml's {@code checks.rls.exclude} names {@code table}. */
    boolean configures(String table) {
        return configured.stream().anyMatch(name -> ExcludedName.names(name, table, RULES));
    }
}
