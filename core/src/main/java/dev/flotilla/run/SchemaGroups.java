package dev.flotilla.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets that are schemas of one PostgreSQL database, reached with one user and with one history table name: a
 * fleet-wide read can serve all of them over one connection, a few queries for hundreds of schemas, instead of a
 * session per tenant.
 */
final class SchemaGroups {
    /** The groups, in the order their first target came; every other target goes to {@code alone}. */
    final Collection<List<TenantTarget>> groups;
    final List<TenantTarget> alone;

    private SchemaGroups(Collection<List<TenantTarget>> groups, List<TenantTarget> alone) {
        this.groups = groups;
        this.alone = alone;
    }

    static SchemaGroups of(List<TenantTarget> targets) {
        Map<String, List<TenantTarget>> byDatabase = new LinkedHashMap<>();
        List<TenantTarget> alone = new ArrayList<>();
        for (TenantTarget target : targets) {
            if (target.target().url().startsWith("jdbc:postgresql:") && target.target().schema() != null) {
                String key = target.target().url() + "|" + target.target().user() + "|" + target.target().historyTable();
                byDatabase.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
            } else {
                alone.add(target);
            }
        }
        return new SchemaGroups(byDatabase.values(), alone);
    }
}
