package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenants {@code plan} finds blocked by an out-of-order migration (a file merged late, older than what they run),
 * without {@code --out-of-order}: a dry run refuses them as a deploy does, so the dry run plan's tests warning names for
 * them is the one that is not refused, with {@code --out-of-order}, beside renumbering the file. Stateless.
 */
final class LateMigrationsTest {
    private static final int NAMED = 20;

    private LateMigrationsTest() {
    }

    /** The plans blocked by an out-of-order migration; none when {@code outOfOrder} lets such migrations through. */
    static List<TenantPlan> blocked(List<TenantPlan> plans, boolean outOfOrder) {
        return outOfOrder ? List.of() : plans.stream().filter(p -> p.blocker() != null
                && p.problems().stream().anyMatch(q -> q.code() == ErrorCode.OUT_OF_ORDER)).toList();
    }

    /** The warning for {@code blocked} (not empty): how to test them as they would be applied, or what to do instead. */
    static String warning(List<TenantPlan> blocked) {
        List<String> ids = blocked.stream().map(p -> p.tenant().value()).toList();
        String named = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())))
                + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
        List<String> arguments = new ArrayList<>(List.of("--tenants", String.join(",", ids), "--out-of-order"));
        return ids.size() + " tenant(s) (" + named + ") cannot be tested as they are: an out-of-order migration"
                + " (OUT_OF_ORDER, below) refuses a dry run as it refuses a deploy. To apply it late, test it with "
                + new Remedy("dry-run", arguments, List.of()) + " (then plan and deploy with --out-of-order too); or"
                + " renumber it above the latest applied version and run plan again.";
    }
}
