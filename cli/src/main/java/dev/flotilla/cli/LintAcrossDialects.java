package dev.flotilla.cli;

import dev.flotilla.lint.LintContext;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.sql.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files linted in each dialect a fleet uses (a mixed fleet runs one file on PostgreSQL and on MariaDB), the
 * findings merged: one per finding, naming the dialects that gave it, in the order the files run.
 */
final class LintAcrossDialects {
    /** One finding and the dialects it was found in, in the order they were linted. */
    record Finding(LintFinding finding, List<String> dialects) {
        Finding {
            dialects = List.copyOf(dialects);
        }
    }

    /** The merged findings, and the scripts a dialect could not split (each problem once). */
    record Result(List<Finding> findings, List<Problem> problems) {
        Result {
            findings = List.copyOf(findings);
            problems = List.copyOf(problems);
        }

        long warnings() {
            return findings.stream().filter(f -> f.finding().severity().warns()).count();
        }
    }

    private LintAcrossDialects() {
    }

    static Result lint(LoadedMigrations loaded, Map<String, String> placeholders, List<Dialect> dialects, LintOptions options) {
        Map<LintFinding, List<String>> found = new LinkedHashMap<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (Dialect dialect : dialects) {
            TargetRunner.LintReport report = TargetRunner.lint(loaded, placeholders, dialect, LintContext.of(dialect, options));
            report.findings().forEach(f -> found.computeIfAbsent(f, key -> new ArrayList<>()).add(dialect.name()));
            problems.addAll(report.problems());
        }
        Map<String, Integer> runOrder = runOrder(loaded);
        List<Finding> findings = new ArrayList<>();
        found.forEach((finding, names) -> findings.add(new Finding(finding, names)));
        // A stable sort: findings of one statement keep the linter's order; one about a whole script comes after its lines.
        findings.sort(Comparator.<Finding>comparingInt(f -> runOrder.getOrDefault(f.finding().script(), Integer.MAX_VALUE))
                .thenComparingInt(f -> f.finding().line() > 0 ? f.finding().line() : Integer.MAX_VALUE));
        return new Result(findings, List.copyOf(problems));
    }

    private static Map<String, Integer> runOrder(LoadedMigrations loaded) {
        List<Migration> inRunOrder = new ArrayList<>(loaded.versioned());
        inRunOrder.addAll(loaded.repeatables());
        Map<String, Integer> order = new HashMap<>();
        for (Migration migration : inRunOrder) {
            order.putIfAbsent(migration.script(), order.size());
        }
        return order;
    }
}
