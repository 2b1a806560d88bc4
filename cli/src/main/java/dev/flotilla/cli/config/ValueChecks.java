package dev.flotilla.cli.config;

import java.util.List;
import java.util.function.Function;

/** The checks of a configuration's values that no single key's type makes: each problem told where its value was given. */
final class ValueChecks {
    private ValueChecks() {
    }

    /**
     * The values checked once every layer is read: choices, names that must exist, keys that exclude each other.
     *
     * @param givenAt where a key's value was given ({@code file:line}, or the variable), said before its problem
     */
    static void check(ConfigValues values, Function<ConfigKey, String> givenAt, List<String> problems) {
        if (values.has(ConfigKey.TENANCY_PASSWORD_ENV) && values.has(ConfigKey.TENANCY_PASSWORD_FILE)) {
            problems.add(givenAt.apply(ConfigKey.TENANCY_PASSWORD_FILE) + ": tenancy: give passwordEnv or passwordFile, not both");
        }
        String mode = values.text(ConfigKey.DRY_RUN_MODE);
        if (!List.of("auto", "transaction", "clone").contains(mode)) {
            problems.add(givenAt.apply(ConfigKey.DRY_RUN_MODE) + ": dryRun.mode must be auto, transaction or clone, was '"
                    + mode + "'");
        }
        List<String> unknownRules = values.list(ConfigKey.LINT_DISABLED).stream()
                .filter(id -> dev.flotilla.lint.LintRule.byId(id).isEmpty()).toList();
        if (!unknownRules.isEmpty()) {
            problems.add(givenAt.apply(ConfigKey.LINT_DISABLED) + ": lint.disabled names unknown rule(s) " + unknownRules
                    + "; the rules are "
                    + java.util.Arrays.stream(dev.flotilla.lint.LintRule.values()).map(dev.flotilla.lint.LintRule::id).toList());
        }
        String since = values.text(ConfigKey.LINT_SINCE);
        if (since != null) {
            try {
                dev.flotilla.migration.MigrationVersion.parse(since);
            } catch (RuntimeException e) {
                problems.add(givenAt.apply(ConfigKey.LINT_SINCE) + ": lint.since must be a migration version (41, 2.1, 2024_05_01_120000), was '" + since + "'");
            }
        }
        List<String> undefined = values.list(ConfigKey.SECRET_PLACEHOLDERS).stream()
                .filter(name -> !values.map(ConfigKey.PLACEHOLDERS).containsKey(name)).toList();
        if (!undefined.isEmpty()) {
            // A misspelled name would leave the value it meant shown bare in every message.
            problems.add(givenAt.apply(ConfigKey.SECRET_PLACEHOLDERS) + ": secretPlaceholders names " + undefined + ", which placeholders: does not define; the placeholders are "
                    + values.map(ConfigKey.PLACEHOLDERS).keySet().stream().sorted().toList());
        }
        if (values.has(ConfigKey.CONTROL_PLANE_PASSWORD_ENV) && values.has(ConfigKey.CONTROL_PLANE_PASSWORD_FILE)) {
            problems.add(givenAt.apply(ConfigKey.CONTROL_PLANE_PASSWORD_FILE) + ": controlPlane: give passwordEnv or"
                    + " passwordFile, not both");
        }
        for (ConfigKey hook : List.of(ConfigKey.HOOKS_BEFORE_TENANT, ConfigKey.HOOKS_AFTER_TENANT,
                ConfigKey.HOOKS_BEFORE_DEPLOYMENT, ConfigKey.HOOKS_AFTER_DEPLOYMENT)) {
            dev.flotilla.run.Hooks.problemWithUrl(values.text(hook)).ifPresent(problem -> problems.add(givenAt.apply(hook) + ": " + hook.path + " is "
                    + problem + ": " + dev.flotilla.sql.JdbcUrls.redact(values.text(hook))));
        }
    }
}
