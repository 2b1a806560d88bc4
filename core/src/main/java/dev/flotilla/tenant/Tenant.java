package dev.flotilla.tenant;

import java.util.List;
import java.util.Objects;

/**
 * A tenant as registered in the control plane.
 *
 * @param url its own JDBC URL, or null to use the tenancy's URL or template
 * @param schema its own schema (database on MariaDB), or null to use the tenancy's template
 */
public record Tenant(TenantId id, String name, String url, String schema, List<String> groups) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id.value() : name;
        groups = List.copyOf(groups);
        groups.forEach(g -> TenantId.of(g)); // group names follow the same rule as ids
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
