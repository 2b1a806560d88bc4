package dev.flotilla.lint;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The lint settings from the configuration.
 *
 * @param disabled rule ids switched off ({@code lint.disabled})
 * @param tenantColumn the tenant column in shared-schema tenancy, null otherwise
 * @param largeTableRows from how many rows a table counts as large ({@code lint.largeTableRows})
 * @param rlsColumn the tenant column whose tables must get row-level security on PostgreSQL ({@code checks.rls}
 *     is configured); null when row-level security is not required
 * @param sharedTables tables shared by all tenants, without the tenant column: the tenant-column check's
 *     {@code exclude}, compared case-insensitively (a name quoted whole without its quotes: lint reads no target)
 */
public record LintOptions(Set<String> disabled, String tenantColumn, long largeTableRows, String rlsColumn,
                          Set<String> sharedTables) {
    public static final long DEFAULT_LARGE_TABLE_ROWS = 100_000;
    public static final LintOptions DEFAULTS = new LintOptions(Set.of(), null, DEFAULT_LARGE_TABLE_ROWS, null, Set.of());

    public LintOptions {
        disabled = Set.copyOf(disabled);
        List<String> unknown = disabled.stream().filter(id -> LintRule.byId(id).isEmpty()).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "Unknown lint rule(s) in lint.disabled: " + unknown
                    + ". Known rules: " + Arrays.stream(LintRule.values()).map(LintRule::id).collect(Collectors.joining(", ")));
        }
        if (largeTableRows < 1) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "lint.largeTableRows must be at least 1, was " + largeTableRows);
        }
        Set<String> shared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        // Linted files name no target: a name quoted whole is the table it names, in any case.
        (sharedTables == null ? Set.<String>of() : sharedTables).forEach(name -> shared.add(
                dev.flotilla.schema.ReferencedTable.ownName(name)));
        sharedTables = Collections.unmodifiableSet(shared);
    }

    /** Options without tables shared by all tenants. */
    public LintOptions(Set<String> disabled, String tenantColumn, long largeTableRows, String rlsColumn) {
        this(disabled, tenantColumn, largeTableRows, rlsColumn, Set.of());
    }

    /** Whether {@code table}, a plain unqualified name (a dot in it is part of the name), is shared by all tenants. */
    boolean shared(String table) {
        return sharedTables.contains(table);
    }
}
