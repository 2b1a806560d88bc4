package dev.flotilla.cli.config;

import dev.flotilla.Durations;
import dev.flotilla.FlotillaException;
import dev.flotilla.verify.Since;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code checks:} section into {@link VerifyOptions}:
 * <pre>
 * checks:
 *   fk-rules: { references: companies, onDelete: CASCADE, tables: [serials], since: 2025.11 }   # or a list of such
 *   tenant-column: { column: tenant_id, exclude: [settings], foreignKeys: true }
 *   rls: { column: tenant_id, setting: app.tenant_id, appRole: app, exclude: [settings] }
 *   index-usage: [ "SELECT * FROM companies WHERE code = 'a'", { sql: "SELECT * FROM serials WHERE company_id = 1", since: 2025.11 } ]
 *   disabled: [ row-counts ]
 *   folder: checks                                            # custom checks, relative to flotilla.yml
 *   timeout: 1m
 * </pre>
 * Every key of {@code rls} is optional, and {@code tenant-column}'s column too: a column defaults to
 * tenancy.tenantColumn, setting to app.tenant_id, and without appRole the isolation proof creates a probe role
 * (rolled back). Every problem is added to {@code problems}, naming the key.
 */
final class ChecksSection {
    private static final List<String> KEYS = List.of("fk-rules", "tenant-column", "rls", "index-usage", "disabled", "folder",
            "timeout");
    private static final List<String> RLS_KEYS = List.of("column", "setting", "appRole", "exclude");
    private static final List<String> FK_RULE_KEYS = List.of("references", "onDelete", "onUpdate", "tables", "exclude", "since");
    private static final List<String> TENANT_COLUMN_KEYS = List.of("column", "exclude", "foreignKeys");
    private static final List<String> INDEX_QUERY_KEYS = List.of("sql", "since");

    private ChecksSection() {
    }

    /** @param tenantColumn tenancy.tenantColumn: the column of checks.rls when it names none */
    static VerifyOptions parse(Object raw, Path home, String where, String tenantColumn, List<String> problems) {
        if (raw == null) {
            return VerifyOptions.DEFAULTS;
        }
        if (!(raw instanceof Map<?, ?> section)) {
            problems.add(where + ": checks must be a section with keys " + KEYS);
            return VerifyOptions.DEFAULTS;
        }
        unknownKeys(section, "checks", KEYS, where, problems);
        try {
            List<VerifyOptions.FkRule> fkRules = new ArrayList<>();
            Object rules = section.get("fk-rules");
            List<?> ruleList = rules instanceof List<?> list ? list : rules == null ? List.of() : List.of(rules);
            for (int i = 0; i < ruleList.size(); i++) {
                String path = rules instanceof List<?> ? "checks.fk-rules[" + i + "]" : "checks.fk-rules";
                Map<?, ?> map = map(ruleList.get(i), "checks.fk-rules", "{ references: companies, onDelete: CASCADE }");
                unknownKeys(map, path, FK_RULE_KEYS, where, problems);
                fkRules.add(new VerifyOptions.FkRule(text(map.get("references")), text(map.get("onDelete")), text(map.get("onUpdate")),
                        Set.copyOf(strings(map.get("tables"))), Set.copyOf(strings(map.get("exclude"))),
                        Since.of(text(map.get("since")), path + ".since")));
            }
            VerifyOptions.TenantColumnRule tenantRule = null;
            if (section.get("tenant-column") != null) {
                Map<?, ?> map = map(section.get("tenant-column"), "checks.tenant-column", "{ column: tenant_id, exclude: [settings] }");
                unknownKeys(map, "checks.tenant-column", TENANT_COLUMN_KEYS, where, problems);
                // Like checks.rls: without a column of its own, the tenancy's (tenant_id unless tenancy.tenantColumn says).
                Object column = map.containsKey("column") ? map.get("column") : tenantColumn;
                tenantRule = new VerifyOptions.TenantColumnRule(text(column), Set.copyOf(strings(map.get("exclude"))),
                        bool(map.get("foreignKeys"), true, "checks.tenant-column.foreignKeys"));
            }
            VerifyOptions.RlsRule rls = section.containsKey("rls") ? rls(section.get("rls"), tenantColumn, where, problems) : null;
            Object folder = section.get("folder");
            Path folderPath = folder == null ? null : home.resolve(String.valueOf(folder)).normalize();
            Duration timeout = section.get("timeout") == null ? null : Durations.parse(String.valueOf(section.get("timeout")));
            return new VerifyOptions(new LinkedHashSet<>(strings(section.get("disabled"))), fkRules, tenantRule, rls,
                    indexQueries(section.get("index-usage"), where, problems), folderPath, timeout);
        } catch (FlotillaException | IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return VerifyOptions.DEFAULTS;
        }
    }

    /** Each query a string (applies always) or {@code { sql: ..., since: VERSION }}; one alone needs no list. */
    private static List<VerifyOptions.IndexQuery> indexQueries(Object raw, String where, List<String> problems) {
        List<?> items = raw instanceof List<?> list ? list : raw == null ? List.of() : List.of(raw);
        List<VerifyOptions.IndexQuery> queries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "checks.index-usage[" + i + "]";
            if (items.get(i) instanceof Map<?, ?> map) {
                unknownKeys(map, path, INDEX_QUERY_KEYS, where, problems);
                if (!(map.get("sql") instanceof String sql)) {
                    throw new IllegalArgumentException(path + " needs sql: the query, as in { sql: \"SELECT ...\","
                            + " since: 2025.12.01.060100 }");
                }
                queries.add(new VerifyOptions.IndexQuery(sql, Since.of(text(map.get("since")), path + ".since")));
            } else if (items.get(i) instanceof String sql) {
                queries.add(new VerifyOptions.IndexQuery(sql, null));
            } else {
                throw new IllegalArgumentException(path + " must be a query or { sql: \"SELECT ...\", since: VERSION },"
                        + " was '" + items.get(i) + "'");
            }
        }
        return queries;
    }

    private static boolean bool(Object value, boolean otherwise, String key) {
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }

    /** {@code rls:} with no value, or {@code rls: {}}, takes every default. */
    private static VerifyOptions.RlsRule rls(Object raw, String tenantColumn, String where, List<String> problems) {
        Map<?, ?> map = raw == null ? Map.of() : map(raw, "checks.rls",
                "{ column: tenant_id, setting: app.tenant_id, appRole: app, exclude: [settings] }");
        unknownKeys(map, "checks.rls", RLS_KEYS, where, problems);
        Object column = map.containsKey("column") ? map.get("column") : tenantColumn;
        return new VerifyOptions.RlsRule(text(column), text(map.get("setting")), text(map.get("appRole")),
                Set.copyOf(strings(map.get("exclude"))));
    }

    /** Every key of {@code map} not among {@code allowed} is a problem, with the likely one: a typo is never ignored. */
    private static void unknownKeys(Map<?, ?> map, String path, List<String> allowed, String where, List<String> problems) {
        map.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k)).forEach(k -> problems.add(where
                + ": unknown key " + path + "." + k + dev.flotilla.Suggestions.closest(k, allowed, 2)
                        .map(known -> " (did you mean " + known + "?)").orElse("")
                + "; allowed under " + path + ": " + String.join(", ", allowed)));
    }

    private static Map<?, ?> map(Object value, String key, String example) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(key + " must be a mapping like " + example);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return (value instanceof List<?> list ? list : List.of(value)).stream().map(String::valueOf).toList();
    }
}
