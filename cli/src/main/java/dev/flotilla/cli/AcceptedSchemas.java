package dev.flotilla.cli;

import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DriftAccept;
import dev.flotilla.run.DriftAcceptance;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code drift --accept}: records each selected tenant's live schema as the one its history up to where it stands
 * produces, says what was kept, and audits each tenant ({@code drift-accept}, refused ones with outcome {@code failed}).
 */
final class AcceptedSchemas {
    private AcceptedSchemas() {
    }

    static int accept(Output output, FleetContext context, List<TenantTarget> targets) {
        output.progress("Accepting the live schema of " + targets.size() + " tenant(s)...");
        List<DriftAccept.Result> results = new DriftAccept(context.template(ValidationPolicy.STRICT), context.concurrency(),
                context.perServer()).accept(targets, context.actor());
        List<Map<String, Object>> tenants = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (DriftAccept.Result result : results) {
            String id = result.tenant().value();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("target", result.target());
            if (result.ok()) {
                DriftAcceptance accepted = result.acceptance();
                context.plane().acceptances().record(accepted);
                String kept = accepted.structure() != null
                        ? "a copy of its structure is kept: migrations applied later are replayed on it"
                        : "no copy of its structure was kept (" + accepted.structureProblem() + "): drift compares it until its"
                        + " next migration, then says unknown until it is accepted again";
                context.plane().audit().record(context.actor(), "drift-accept", id, null, "accepted the live schema at "
                        + accepted.position().label() + ", fingerprint " + accepted.fingerprint() + "; " + kept, "ok", null);
                output.line(output.green("accepted") + " " + id + ": its live schema at " + accepted.position().label()
                        + " is what drift compares it with from now on; " + kept + ".");
                entry.put("status", "accepted");
                entry.put("position", accepted.position().label());
                entry.put("lastRank", accepted.position().lastRank());
                entry.put("fingerprint", accepted.fingerprint());
                entry.put("structureKept", accepted.structure() != null);
                entry.put("structureProblem", accepted.structureProblem());
                entry.put("acceptedBy", accepted.acceptedBy());
                entry.put("acceptedAt", accepted.acceptedAt().toString());
            } else {
                context.plane().audit().record(context.actor(), "drift-accept", id, null, result.error(), "failed", null);
                output.line(output.red("refused") + " " + id + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), id));
                entry.put("status", "refused");
                entry.put("error", result.error());
            }
            tenants.add(entry);
        }
        return output.finish("drift", Map.of("tenants", tenants, "accepted", results.stream().filter(DriftAccept.Result::ok)
                .count()), errors);
    }
}
