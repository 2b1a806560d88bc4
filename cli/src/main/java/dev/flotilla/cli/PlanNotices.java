package dev.flotilla.cli;

import dev.flotilla.plan.NoticeLine;
import dev.flotilla.plan.TenantPlan;
import java.util.List;

/**
 * What {@code plan} prints of its tenants' notices ({@link NoticeLine}: tables but no history table; a schema or
 * database not created yet): one line per target, targets noticed alike grouped. At most {@value #SHOWN} lines, the rest
 * counted; {@code --json} gives each tenant its own notice, and every line in {@code notices}.
 */
final class PlanNotices {
    static final int SHOWN = 20;

    private PlanNotices() {
    }

    static void print(Output output, List<TenantPlan> plans) {
        List<NoticeLine> lines = NoticeLine.of(plans);
        lines.stream().limit(SHOWN).forEach(line -> output.line("  " + output.yellow("notice") + " " + line.text()));
        long more = lines.stream().skip(SHOWN).mapToLong(line -> line.tenants().size()).sum();
        if (more > 0) {
            output.line("  " + output.yellow("notice") + " " + more + " more tenant(s) have a notice (plan --json names"
                    + " each).");
        }
    }
}
