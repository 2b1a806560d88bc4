package dev.flotilla.verify;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which checks run and how they are set up: the {@code checks:} section of flotilla.yml.
 *
 * @param disabled ids of built-in checks switched off
 * @param fkRules foreign keys to these tables must have these rules ({@code fk-rules})
 * @param tenantColumn the tenant column every table must carry ({@code tenant-column}); null switches the check off
 * @param indexQueries queries that must be served by an index ({@code index-usage})
 * @param folder the folder of custom checks ({@code *.sql} assertions, {@code *.scenario.sql}); null for none
 * @param timeout the statement timeout for each check's queries
 */
public record VerifyOptions(Set<String> disabled, List<FkRule> fkRules, TenantColumnRule tenantColumn,
                            List<String> indexQueries, Path folder, Duration timeout) {
    public static final List<String> BUILT_IN = List.of("fk-orphans", "fk-rules", "tenant-column", "row-counts", "history",
            "expected-objects", "index-usage");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    public static final VerifyOptions DEFAULTS = new VerifyOptions(Set.of(), List.of(), null, List.of(), null, DEFAULT_TIMEOUT);

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

    public boolean enabled(String id) {
        return !disabled.contains(id);
    }

    /** The same options with the tenant column set, unless one is configured already. */
    public VerifyOptions withTenantColumn(TenantColumnRule rule) {
        return tenantColumn != null ? this : new VerifyOptions(disabled, fkRules, rule, indexQueries, folder, timeout);
    }

    /**
     * Foreign keys that reference {@code references} must have these rules.
     *
     * @param onDelete and {@code onUpdate}: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION; null for any
     */
    public record FkRule(String references, String onDelete, String onUpdate) {
        private static final Set<String> RULES = Set.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

        public FkRule {
            if (references == null || references.isBlank()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.fk-rules needs references: <table>");
            }
            onDelete = rule(onDelete, "onDelete");
            onUpdate = rule(onUpdate, "onUpdate");
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

    /** @param exclude tables shared by all tenants, without the column */
    public record TenantColumnRule(String column, Set<String> exclude) {
        public TenantColumnRule {
            if (column == null || column.isBlank()) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "checks.tenant-column needs column: <name>");
            }
            Set<String> lower = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            lower.addAll(exclude);
            exclude = java.util.Collections.unmodifiableSet(lower);
        }

        boolean excludes(String table) {
            return exclude.contains(table);
        }
    }
}
