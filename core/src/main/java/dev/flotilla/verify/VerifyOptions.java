package dev.flotilla.verify;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.ViewsOver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which checks run and how they are set up: the {@code checks:} section of flotilla.yml.
 *
 * @param disabled ids of built-in checks switched off
 * @param fkRules foreign keys to these tables must have these rules ({@code fk-rules})
 * @param tenantColumn the tenant column every table must carry ({@code tenant-column}); null switches the check off
 * @param rls the row-level security every tenant table must have ({@code rls-enabled}) and prove
 *     ({@code rls-isolation}), on PostgreSQL; null skips both
 * @param indexQueries queries that must be served by an index ({@code index-usage}), each from its migration on
 * @param folder the folder of custom checks ({@code *.sql} assertions, {@code *.scenario.sql}); null for none
 * @param timeout the statement timeout for each check's queries
 * @param sharedTenantColumn the tenant column of a shared schema, by which a deployment counts each tenant's own rows
 *     ({@code row-counts}); null where each tenant has a target of its own
 */
public record VerifyOptions(Set<String> disabled, List<FkRule> fkRules, TenantColumnRule tenantColumn, RlsRule rls,
                            List<IndexQuery> indexQueries, Path folder, Duration timeout, String sharedTenantColumn) {
    public static final List<String> BUILT_IN = List.of("fk-orphans", "fk-rules", "tenant-column", "row-counts", "history",
            "expected-objects", "index-usage", "rls-enabled", "rls-isolation");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    public static final VerifyOptions DEFAULTS = new VerifyOptions(Set.of(), List.of(), null, null, List.of(), null,
            DEFAULT_TIMEOUT);

    public VerifyOptions {
        Set<String> sorted = new TreeSet<>(disabled);
        List<String> unknown = sorted.stream().filter(id -> !BUILT_IN.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "Unknown check(s) in checks.disabled: " + unknown
                    + ". The built-in checks are " + String.join(", ", BUILT_IN) + ".");
        }
        disabled = Set.copyOf(disabled);
        fkRules = List.copyOf(fkRules);
        indexQueries = List.copyOf(indexQueries);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Options of a target each tenant has to itself. */
    public VerifyOptions(Set<String> disabled, List<FkRule> fkRules, TenantColumnRule tenantColumn, RlsRule rls,
                         List<IndexQuery> indexQueries, Path folder, Duration timeout) {
        this(disabled, fkRules, tenantColumn, rls, indexQueries, folder, timeout, null);
    }

    public boolean enabled(String id) {
        return !disabled.contains(id);
    }

    /** The same options with the tenant column set, unless one is configured already. */
    public VerifyOptions withTenantColumn(TenantColumnRule rule) {
        return tenantColumn != null ? this : new VerifyOptions(disabled, fkRules, rule, rls, indexQueries, folder, timeout,
                sharedTenantColumn);
    }

    /** The same options with the tenant column {@code rule}, whatever one is configured: a flag's, which wins. */
    public VerifyOptions replacingTenantColumn(TenantColumnRule rule) {
        return new VerifyOptions(disabled, fkRules, rule, rls, indexQueries, folder, timeout, sharedTenantColumn);
    }

    /** The same options for a shared schema whose tenants own the rows with their id in {@code column}. */
    public VerifyOptions sharedBy(String column) {
        return new VerifyOptions(disabled, fkRules, tenantColumn, rls, indexQueries, folder, timeout, column);
    }

    /** The same options with the custom checks of {@code checks} (a folder), or none when null. */
    public VerifyOptions withFolder(Path checks) {
        return new VerifyOptions(disabled, fkRules, tenantColumn, rls, indexQueries, checks, timeout, sharedTenantColumn);
    }

    /**
     * Foreign keys that reference {@code references} must have these rules.
     *
     * @param onDelete and {@code onUpdate}: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION; null for any
     * @param tables the tables whose foreign keys to {@code references} are checked, each of which must have one;
     *     empty for every table (but the excluded ones). As written: each quoted whole or not, read by the target's rules
     *     ({@link ReferencedTable#namesOwn}: on PostgreSQL {@code "Orders"} is not {@code orders})
     * @param exclude tables whose foreign keys are not checked, read alike; only without {@code tables}
     * @param since the migration the rule applies from (it creates the tables); null for always
     */
    public record FkRule(String references, String onDelete, String onUpdate, Set<String> tables, Set<String> exclude,
                         Since since) {
        private static final Set<String> RULES = Set.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

        public FkRule {
            if (references == null || references.isBlank()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.fk-rules needs references: <table>");
            }
            onDelete = rule(onDelete, "onDelete");
            onUpdate = rule(onUpdate, "onUpdate");
            tables = asWritten(tables);
            exclude = asWritten(exclude);
            if (!tables.isEmpty() && !exclude.isEmpty()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.fk-rules for " + references + " has both tables"
                        + " and exclude: list the tables to check, or the ones to leave out, not both");
            }
        }

        /** Every table's foreign keys to {@code references}, whenever the rule applies. */
        public FkRule(String references, String onDelete, String onUpdate) {
            this(references, onDelete, onUpdate, Set.of(), Set.of(), null);
        }

        /** Whether the foreign keys of {@code table} are checked, the configured names read by {@code names}. */
        boolean covers(String table, ConfiguredNames names) {
            return tables.isEmpty() ? !names(exclude, table, names) : names(tables, table, names);
        }

        private static boolean names(Set<String> configured, String table, ConfiguredNames names) {
            return configured.stream().anyMatch(name -> ReferencedTable.namesOwn(name, table, names));
        }

        private static String rule(String value, String key) {
            if (value == null) {
                return null;
            }
            String upper = value.trim().toUpperCase().replace('_', ' ');
            if (!RULES.contains(upper)) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.fk-rules " + key + " must be one of "
                        + Arrays.stream(RULES.toArray(String[]::new)).sorted().collect(Collectors.joining(", ")) + ", was '" + value + "'");
            }
            return upper;
        }
    }

    /**
     * A query that must be served by an index ({@code index-usage}).
     *
     * @param since the migration the query applies from (it creates a table the query reads); null for always
     */
    public record IndexQuery(String sql, Since since) {
        public IndexQuery {
            if (sql == null || sql.isBlank()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.index-usage needs a query (sql: SELECT ...)");
            }
        }

        /** Queries that apply always, as the plain list of strings in flotilla.yml. */
        public static List<IndexQuery> always(String... queries) {
            return Arrays.stream(queries).map(q -> new IndexQuery(q, null)).toList();
        }
    }

    /**
     * @param exclude tables shared by all tenants, without the column, as written: each quoted whole or not, read as
     *     {@code tenancy adopt --exclude} reads them ({@link ReferencedTable#namesOwn}, by the target's rules)
     * @param foreignKeys whether every foreign key to another tenant table must include the column: the rule of a
     *     shared schema, where a reference without it could cross tenants; false where each tenant has its own
     *     target and foreign keys reference the tenant root alone ({@code companies.id})
     */
    public record TenantColumnRule(String column, Set<String> exclude, boolean foreignKeys) {
        public TenantColumnRule {
            if (column == null || column.isBlank()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.tenant-column needs column: <name>");
            }
            exclude = exclude == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(exclude));
        }

        /** With the foreign keys checked too. */
        public TenantColumnRule(String column, Set<String> exclude) {
            this(column, exclude, true);
        }

        /** Whether {@code exclude} names {@code table}, read by the target's rules. */
        boolean excludes(String table, ConfiguredNames names) {
            return exclude.stream().anyMatch(excluded -> ReferencedTable.namesOwn(excluded, table, names));
        }
    }

    /**
     * Row-level security of a shared PostgreSQL schema, as {@code flotilla tenancy rls} writes it.
     *
     * @param column the tenant column; a table that has it and is not excluded is a tenant table (default tenant_id)
     * @param setting the setting the policies read the current tenant from (default app.tenant_id)
     * @param appRole the role the application connects as, which the isolation proof switches to; null for a probe
     *     role created (and rolled back) for the proof, with the privileges the application would have
     * @param exclude tables shared by all tenants, as written: each quoted whole (keeping its case) or not (compared
     *     case-insensitively), read as {@code tenancy rls --exclude} reads them ({@link ReferencedTable#namesOwn})
     */
    public record RlsRule(String column, String setting, String appRole, Set<String> exclude) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
        private static final Pattern SETTING = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

        public RlsRule {
            column = require(column == null ? "tenant_id" : column, NAME, "column", "a column name such as tenant_id");
            setting = require(setting == null ? "app.tenant_id" : setting, SETTING, "setting",
                    "prefix.name such as app.tenant_id (PostgreSQL takes a setting of its own only with a dot)");
            appRole = appRole == null ? null : require(appRole, NAME, "appRole", "a role name such as app");
            exclude = exclude == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(exclude));
        }

        /** The tables that must be isolated: those with the column, but the excluded ones. */
        List<SchemaSnapshot.Table> tenantTables(SchemaSnapshot snapshot) {
            return snapshot.tables().stream().filter(t -> t.column(column).isPresent() && !excludes(t.name())).toList();
        }

        private boolean excludes(String name) {
            // Row-level security is PostgreSQL's: a quoted name keeps its case.
            return exclude.stream().anyMatch(excluded -> ReferencedTable.namesOwn(excluded, name, ConfiguredNames.QUOTED_KEEP_CASE));
        }

        /** The views (not excluded) through which the rows of tenant tables can be read. */
        List<SchemaSnapshot.View> tenantViews(SchemaSnapshot snapshot) {
            return ViewsOver.tables(snapshot, tenantTables(snapshot).stream().map(SchemaSnapshot.Table::name).toList()).stream()
                    .filter(v -> !excludes(v.name())).toList();
        }

        private static String require(String value, Pattern pattern, String key, String expected) {
            if (!pattern.matcher(value).matches()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.rls " + key + " must be " + expected + ", was '"
                        + value + "'");
            }
            return value;
        }
    }

    /** Table names as written (quotes kept: they say how the name is read), sorted, unmodifiable; none for null. */
    private static Set<String> asWritten(Set<String> names) {
        return names == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(names));
    }
}
