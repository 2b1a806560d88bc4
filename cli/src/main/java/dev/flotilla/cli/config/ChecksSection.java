package dev.flotilla.cli.config;

import dev.flotilla.FlotillaException;
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
 *   fk-rules: { references: companies, onDelete: CASCADE }   # or a list of such
 *   tenant-column: { column: tenant_id, exclude: [settings] }
 *   index-usage: [ "SELECT * FROM serials WHERE company_id = 1" ]
 *   disabled: [ row-counts ]
 *   folder: checks                                            # custom checks, relative to flotilla.yml
 *   timeout: 1m
 * </pre>
 * Every problem is added to {@code problems}, naming the key.
 */
final class ChecksSection {
    private static final List<String> KEYS = List.of("fk-rules", "tenant-column", "index-usage", "disabled", "folder", "timeout");

    private ChecksSection() {
    }

    static VerifyOptions parse(Object raw, Path home, String where, List<String> problems) {
        if (raw == null) {
            return VerifyOptions.DEFAULTS;
        }
        if (!(raw instanceof Map<?, ?> section)) {
            problems.add(where + ": checks must be a section with keys " + KEYS);
            return VerifyOptions.DEFAULTS;
        }
        section.keySet().stream().map(String::valueOf).filter(k -> !KEYS.contains(k))
                .forEach(k -> problems.add(where + ": unknown key checks." + k + "; allowed under checks: " + String.join(", ", KEYS)));
        try {
            List<VerifyOptions.FkRule> fkRules = new ArrayList<>();
            Object rules = section.get("fk-rules");
            for (Object rule : rules instanceof List<?> list ? list : rules == null ? List.of() : List.of(rules)) {
                Map<?, ?> map = map(rule, "checks.fk-rules", "{ references: companies, onDelete: CASCADE }");
                fkRules.add(new VerifyOptions.FkRule(text(map.get("references")), text(map.get("onDelete")), text(map.get("onUpdate"))));
            }
            VerifyOptions.TenantColumnRule tenantColumn = null;
            if (section.get("tenant-column") != null) {
                Map<?, ?> map = map(section.get("tenant-column"), "checks.tenant-column", "{ column: tenant_id, exclude: [settings] }");
                tenantColumn = new VerifyOptions.TenantColumnRule(text(map.get("column")), Set.copyOf(strings(map.get("exclude"))));
            }
            Object folder = section.get("folder");
            Path folderPath = folder == null ? null : home.resolve(String.valueOf(folder)).normalize();
            Duration timeout = section.get("timeout") == null ? null : Durations.parse(String.valueOf(section.get("timeout")));
            return new VerifyOptions(new LinkedHashSet<>(strings(section.get("disabled"))), fkRules, tenantColumn,
                    strings(section.get("index-usage")), folderPath, timeout);
        } catch (FlotillaException | IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return VerifyOptions.DEFAULTS;
        }
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
