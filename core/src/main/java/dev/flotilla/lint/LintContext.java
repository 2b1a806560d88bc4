package dev.flotilla.lint;

/**
 * What the rules need beyond the scripts.
 *
 * @param dialect {@code postgresql}, {@code mariadb}, {@code sqlite} or {@code h2}
 * @param tables what the target can tell about its tables; {@link TableFacts#UNKNOWN} when linting files alone
 */
public record LintContext(String dialect, LintOptions options, TableFacts tables) {
    public static LintContext of(String dialect, LintOptions options) {
        return new LintContext(dialect, options, TableFacts.UNKNOWN);
    }

    boolean enabled(LintRule rule) {
        return !options.disabled().contains(rule.id());
    }

    String tenantColumn() {
        return options.tenantColumn();
    }

    long largeTableRows() {
        return options.largeTableRows();
    }
}
