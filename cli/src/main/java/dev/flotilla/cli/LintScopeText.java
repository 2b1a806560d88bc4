package dev.flotilla.cli;

import dev.flotilla.run.LintAcrossDialects;
import dev.flotilla.run.LintScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code flotilla lint} says of its scope: the files it left out, and what to do about findings in files that ran. */
final class LintScopeText {
    private static final int NAMED = 5;

    private LintScopeText() {
    }

    /** A line per reason files were left out, naming the first few. */
    static void skipped(Output output, LintScope scope) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        scope.skipped().forEach(s -> byReason.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s.script()));
        byReason.forEach((reason, scripts) -> output.line("Not linted (" + reason + "): " + scripts.size() + " file(s), "
                + String.join(", ", scripts.subList(0, Math.min(NAMED, scripts.size())))
                + (scripts.size() > NAMED ? " and " + (scripts.size() - NAMED) + " more" : "") + "."));
    }

    /**
     * The LINT_WARNING message: what to do about the warnings in files still to run, and, apart, about those in files
     * that already ran somewhere, which are left as they are (editing one, or adding a lint-disable line to it, changes
     * its checksum).
     */
    static String warned(LintScope scope, LintAcrossDialects.Result report, long errors, long warnings, List<String> rules) {
        long ran = report.findings().stream()
                .filter(f -> f.finding().severity().warns() && scope.ran(f.finding().script()) != null).count();
        String counted = (errors == 0 ? "" : errors + " lint error(s), ") + warnings + " lint warning(s)";
        String fix = "fix the migrations, or switch rules off in lint.disabled or for one file with a line"
                + " `-- flotilla:lint-disable RULE  why` among its first comments (" + String.join(", ", rules) + ").";
        if (ran == 0) {
            return counted + "; " + fix;
        }
        String narrower = scope.mode() == LintScope.Mode.PENDING ? ""
                : ", or lint only what has not run yet: " + scope.narrower();
        String ranAdvice = "leave " + (ran == report.warnings() ? "those files" : "those") + " as they are (editing one, or"
                + " adding a lint-disable line to it, changes its checksum: CHECKSUM_MISMATCH), mend what they did in a new"
                + " migration" + narrower;
        return ran == report.warnings() ? counted + ", all in files that already ran: " + ranAdvice + "."
                : counted + ", " + ran + " of them in files that already ran: " + ranAdvice + "; for the others, " + fix;
    }

    /** Where a finding's file already ran, for JSON; null when nowhere known. */
    static Map<String, Object> ranOn(LintScope.Ran ran) {
        if (ran == null) {
            return null;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", ran.count());
        entry.put("of", ran.of());
        entry.put("tenants", ran.tenants().isEmpty() ? null : ran.tenants());
        entry.put("pendingOn", ran.tenants().isEmpty() ? null : ran.pendingOn());
        if (ran.baselineUnknown() > 0) {
            entry.put("baselineUnknown", ran.baselineUnknown());
        }
        return entry;
    }

    static Map<String, Object> skippedJson(LintScope.Skipped skipped) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("script", skipped.script());
        entry.put("version", skipped.version());
        entry.put("reason", skipped.reason());
        return entry;
    }
}
