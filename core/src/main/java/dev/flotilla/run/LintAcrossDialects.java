package dev.flotilla.run;

import dev.flotilla.lint.LintContext;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.Dialect;
import dev.flotilla.tenant.Tenancy;
import java.util.Collection;
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
 * findings merged: one per finding, naming the dialects that gave it, in the order the files run. What {@code flotilla
 * lint} prints and the console's migration files show. Connects nowhere; stateless.
 */
public final class LintAcrossDialects {
    /** One finding and the dialects it was found in, in the order they were linted. */
    public record Finding(LintFinding finding, List<String> dialects) {
        public Finding {
            dialects = List.copyOf(dialects);
        }
    }

    /** The merged findings, and the scripts a dialect could not split (each problem once). */
    public record Result(List<Finding> findings, List<Problem> problems) {
        public Result {
            findings = List.copyOf(findings);
            problems = List.copyOf(problems);
        }

        public long warnings() {
            return findings.stream().filter(f -> f.finding().severity().warns()).count();
        }
    }

    private LintAcrossDialects() {
    }

    /**
     * The dialects of tenants registered with these URLs (each whole, or only its start, {@code jdbc:mariadb:}, as
     * {@link dev.flotilla.control.TenantCensus#urlStarts} gives them; null for a tenant registered without one, on the
     * tenancy's), each once, in the order first met; empty for none. No password is read.
     */
    public static List<Dialect> of(Tenancy tenancy, Collection<String> ownUrls) {
        Map<String, Dialect> used = new LinkedHashMap<>();
        for (String ownUrl : ownUrls) {
            Dialect its = Dialect.forUrl(tenancy.urlOf(ownUrl));
            used.putIfAbsent(its.name(), its);
        }
        return List.copyOf(used.values());
    }

    public static Result lint(LoadedMigrations loaded, Map<String, String> placeholders, List<Dialect> dialects, LintOptions options) {
        Map<LintFinding, List<String>> found = new LinkedHashMap<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (Dialect dialect : dialects) {
            ScriptsWithoutTarget.LintReport report = ScriptsWithoutTarget.lint(loaded, placeholders, dialect, LintContext.of(dialect, options));
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
