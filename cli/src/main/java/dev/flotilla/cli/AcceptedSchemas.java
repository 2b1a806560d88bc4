package dev.flotilla.cli;

import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DriftAccept;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code drift --accept}: records each selected tenant's live schema as the one its history up to where it stands
 * produces, says what was kept, and audits each tenant ({@code drift-accept}, refused ones with outcome {@code failed}).
 * The tenants sharing a selected one's target (shared-schema) share its live schema: it is accepted for them too.
 */
final class AcceptedSchemas {
    private AcceptedSchemas() {
    }

    /** @param registered every registered tenant's target, as the command read them with the {@code chosen} ones */
    static int accept(Output output, FleetContext context, List<TenantTarget> chosen, List<TenantTarget> registered) {
        SharedTargets.alsoAccepted(SharedTargets.partial(chosen, registered)).forEach(output::line);
        List<TenantTarget> targets = SharedTargets.withSharing(chosen, registered);
        output.progress("Accepting the live schema of " + targets.size() + " tenant(s)...");
        List<DriftAccept.Result> results = new DriftAccept(context.template(ValidationPolicy.STRICT), context.concurrency(),
                context.perServer()).accept(targets, context.actor());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (DriftAccept.Result result : results) {
            String id = result.tenant().value();
            if (result.ok()) {
                context.plane().acceptances().record(result.acceptance());
                context.plane().audit().record(context.actor(), "drift-accept", id, null, result.auditDetails(), "ok", null);
                output.line(output.green("accepted") + " " + id + ": its live schema at " + result.acceptance().position()
                        .label() + " is what drift compares it with from now on; " + result.kept() + ".");
            } else {
                context.plane().audit().record(context.actor(), "drift-accept", id, null, result.error(), "failed", null);
                output.line(output.red("refused") + " " + id + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), id));
            }
        }
        List<Map<String, Object>> tenants = results.stream().map(DriftAccept.Result::asMap).toList();
        return output.finish("drift", Map.of("tenants", tenants, "accepted", results.stream().filter(DriftAccept.Result::ok)
                .count()), errors);
    }
}
