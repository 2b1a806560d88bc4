package dev.flotilla.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings of one lint call, in the order they were made: a rule turned off in the options or by a script's own
 * directive makes none, and a finding a later statement answers (the column added, the table rebuilt) is withdrawn.
 * Not thread-safe; one per call.
 */
final class LintReport {
    private final LintContext context;
    private final Map<String, Set<String>> disabledByScript = new HashMap<>();
    private final List<LintFinding> findings = new ArrayList<>();

    LintReport(LintContext context) {
        this.context = context;
    }

    /** The rules {@code script} turns off for itself. */
    void disabled(String script, Set<String> rules) {
        disabledByScript.put(script, rules);
    }

    /**
     * Adds the finding unless its rule is off; returns it, or null when it is off.
     *
     * @param what what the statement does and why that is risky
     * @param remedy what to do about it in the file, said after {@code what}
     */
    LintFinding report(LintRule rule, String script, int line, String what, String remedy) {
        if (!context.enabled(rule) || disabledByScript.getOrDefault(script, Set.of()).contains(rule.id())) {
            return null;
        }
        LintFinding finding = new LintFinding(rule.id(), rule.severity(), (line > 0 ? "Statement at line " + line + " "
                : "This migration ") + what + " " + remedy, script, line, remedy);
        findings.add(finding);
        return finding;
    }

    /** Takes back a finding a later statement answered; null is nothing. */
    void withdraw(LintFinding finding) {
        if (finding != null) {
            findings.remove(finding);
        }
    }

    List<LintFinding> findings() {
        return List.copyOf(findings);
    }
}
