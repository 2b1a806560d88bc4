package dev.flotilla.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a schema tenants share: those schema-wide by nature (and those reading the tables without the tenant
 * column, shared by all), run once for every tenant; and each tenant's own, run on its rows.
 *
 * @param once the results every tenant sharing the schema has, said once
 * @param byTenant each tenant's results on its own rows, by its id
 */
public record SharedResults(List<CheckResult> once, Map<String, List<CheckResult>> byTenant) {
    public SharedResults {
        once = List.copyOf(once);
        Map<String, List<CheckResult>> copy = new LinkedHashMap<>();
        byTenant.forEach((tenant, results) -> copy.put(tenant, List.copyOf(results)));
        byTenant = Collections.unmodifiableMap(copy);
    }

    /** The same results, {@code scrub} applied to their messages and problems (rows' values may be quoted). */
    public SharedResults masked(java.util.function.UnaryOperator<String> scrub) {
        Map<String, List<CheckResult>> masked = new LinkedHashMap<>();
        byTenant.forEach((tenant, results) -> masked.put(tenant, results.stream().map(r -> r.masked(scrub)).toList()));
        return new SharedResults(once.stream().map(r -> r.masked(scrub)).toList(), masked);
    }

    /** Every result of {@code tenant}: those of the schema first, then its own. */
    public List<CheckResult> of(String tenant) {
        List<CheckResult> all = new ArrayList<>(once);
        all.addAll(own(tenant));
        return all;
    }

    /** The tenant's results on its own rows; none for a tenant not checked. */
    public List<CheckResult> own(String tenant) {
        return byTenant.getOrDefault(tenant, List.of());
    }
}
