package dev.flotilla.lint;

import java.util.Arrays;
import java.util.Optional;

/** The lint rules, each with a stable id (used in reports and in {@code lint.disabled}) and a severity. */
public enum LintRule {
    DROP_TABLE("drop-table", LintSeverity.WARNING),
    DROP_COLUMN("drop-column", LintSeverity.WARNING),
    NOT_NULL_WITHOUT_DEFAULT("not-null-without-default", LintSeverity.WARNING),
    TABLE_REWRITE("table-rewrite", LintSeverity.WARNING),
    INDEX_WITHOUT_CONCURRENTLY("index-without-concurrently", LintSeverity.WARNING),
    FOREIGN_KEY_WITHOUT_INDEX("fk-without-index", LintSeverity.WARNING),
    NON_TRANSACTIONAL_DDL("non-transactional-ddl", LintSeverity.INFO),
    MISSING_TENANT_COLUMN("missing-tenant-column", LintSeverity.WARNING),
    MISSING_RLS("missing-rls", LintSeverity.WARNING),
    UNSUPPORTED_SYNTAX("unsupported-syntax", LintSeverity.ERROR);

    private final String id;
    private final LintSeverity severity;

    LintRule(String id, LintSeverity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public LintSeverity severity() {
        return severity;
    }

    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }
}
