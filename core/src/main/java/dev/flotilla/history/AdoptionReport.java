package dev.flotilla.history;

import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * What adopting another tool's history did on one target.
 *
 * @param recorded the files (and baseline) now recorded in Flotilla's history, in the order they ran
 * @param advice what to know of the history taken over, the commands it names kept as values ({@link #notes()})
 * @param written false for a dry run, which only reports what it would record
 */
public record AdoptionReport(String target, String source, List<String> recorded, List<String> unmatched,
                             List<Advice> advice, boolean written) {
    public AdoptionReport {
        recorded = List.copyOf(recorded);
        unmatched = List.copyOf(unmatched);
        advice = List.copyOf(advice);
    }

    /** What to know of the history taken over, one note each, as it reads for one target. */
    public List<String> notes() {
        return advice.stream().map(Advice::text).toList();
    }

    /** This report for {@code tenant} of the fleet: the commands its notes name select that tenant. */
    public AdoptionReport forTenant(TenantId tenant) {
        return new AdoptionReport(target, source, recorded, unmatched, advice.stream().map(a -> a.forTenant(tenant)).toList(),
                written);
    }
}
