package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenants {@code plan} finds blocked by what a dry run cannot help (an edited or missing applied file, a failed
 * migration, ...): a dry run refuses them as a deploy does, so the dry run plan's tests warning names leaves them out,
 * and this says what comes first. Those an out-of-order migration blocks are {@link LateMigrationsTest}'s. Stateless.
 */
final class BlockedPlansTest {
    private static final int NAMED = 20;

    private BlockedPlansTest() {
    }

    /** The blocked plans but {@code late}, whose out-of-order migration has a dry run of its own. */
    static List<TenantPlan> blocked(List<TenantPlan> plans, List<TenantPlan> late) {
        return plans.stream().filter(p -> p.state() == TenantPlan.State.BLOCKED && !late.contains(p)).toList();
    }

    /** The warning for {@code blocked} (not empty): why they are not in the dry run to run, and what to do first. */
    static String warning(List<TenantPlan> blocked) {
        List<String> ids = blocked.stream().map(p -> p.tenant().value()).toList();
        String named = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())))
                + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
        String codes = blocked.stream().flatMap(p -> p.problems().stream()).map(Problem::code).distinct()
                .map(ErrorCode::name).collect(Collectors.joining(", "));
        return ids.size() + " tenant(s) (" + named + ") cannot be tested as they are: what blocks them (" + codes
                + ", below) refuses a dry run as it refuses a deploy, so no dry run is named for them. First do what"
                + " each error says (restore the file from version control, or repair), then run plan again.";
    }
}
