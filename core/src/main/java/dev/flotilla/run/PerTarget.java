package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one piece of work once per distinct target of the selected tenants, in parallel within the fleet's
 * concurrency and per-server limits; tenants sharing a target (shared-schema) share its outcome. A
 * {@link FlotillaException} is that target's outcome, not the run's: the others go on; its message with the target's
 * secrets masked ({@link dev.flotilla.target.TargetSpec#scrub}).
 */
final class PerTarget {
    private PerTarget() {
    }

    /**
     * One tenant's outcome: the work's value, or the code and message of why it failed.
     *
     * @param advice why it failed, the commands it names as the failure built them (for one target); null when done
     */
    record Outcome<T>(TenantId tenant, String target, T value, ErrorCode code, Advice advice) {
        /** Why it failed, as it reads for one target; null when done. */
        String error() {
            return advice == null ? null : advice.text();
        }
    }

    /**
     * The outcomes of {@code work} for each of {@code tenants}, in their order; a refused login (AUTHENTICATION_FAILED)
     * followed by whose login to fix ({@link LoginRefused}), as plan and verify say it.
     */
    static <T> List<Outcome<T>> run(List<TenantTarget> tenants, int concurrency, int perServer, String doing,
                                    Function<TenantTarget, T> work) {
        java.util.Set<String> sharing = LoginRefused.sharedTargets(tenants);
        List<Outcome<T>> said = runAsSaid(tenants, concurrency, perServer, doing, work);
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (int i = 0; i < said.size(); i++) {
            Outcome<T> o = said.get(i);
            outcomes.add(o.advice() == null ? o : new Outcome<>(o.tenant(), o.target(), o.value(), o.code(),
                    LoginRefused.reason(o.advice(), o.code(), tenants.get(i), sharing)));
        }
        return outcomes;
    }

    /** As {@link #run}, each failure as the work said it: for a caller that says whose login to fix itself (drift). */
    static <T> List<Outcome<T>> runAsSaid(List<TenantTarget> tenants, int concurrency, int perServer, String doing,
                                          Function<TenantTarget, T> work) {
        Map<String, TenantTarget> byTarget = TenantTarget.oneByTarget(tenants);
        ServerLimits limits = new ServerLimits(perServer);
        List<String> keys = new ArrayList<>(byTarget.keySet());
        List<Outcome<T>> done = Parallel.map(new ArrayList<>(byTarget.values()), concurrency, doing,
                t -> limits.within(t, () -> once(t, work)));
        Map<String, Outcome<T>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < done.size(); i++) {
            byKey.put(keys.get(i), done.get(i));
        }
        return tenants.stream().map(t -> {
            Outcome<T> shared = byKey.get(t.targetKey());
            return new Outcome<>(t.tenant().id(), shared.target(), shared.value(), shared.code(), shared.advice());
        }).toList();
    }

    private static <T> Outcome<T> once(TenantTarget tenant, Function<TenantTarget, T> work) {
        String target = tenant.target().displayName();
        try {
            return new Outcome<>(tenant.tenant().id(), target, work.apply(tenant), null, null);
        } catch (FlotillaException e) {
            // Every target's failure passes here, whatever said it (a driver, pg_dump's stderr, a scratch copy): its
            // secrets are masked once, before the outcome reaches a terminal, the control plane or a page.
            return new Outcome<>(tenant.tenant().id(), target, null, e.code(), e.advice().masked(tenant.target()::scrub));
        }
    }
}
