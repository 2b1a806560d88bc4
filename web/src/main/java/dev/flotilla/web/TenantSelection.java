package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantStore;
import dev.flotilla.tenant.TenantId;
import java.util.Arrays;
import java.util.List;

/**
 * Tenants chosen one way: by id, by group, or all; as the API's bodies ({@code "tenants"}, {@code "group"},
 * {@code "all"}) and the console's forms give them.
 */
record TenantSelection(List<String> tenants, String group, boolean all) {
    /** A form's choice: ids (comma- or space-separated) when given, else a group when chosen, else all tenants. */
    static TenantSelection ofForm(String ids, String group) {
        List<String> named = ids == null ? List.of() : Arrays.stream(ids.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (!named.isEmpty()) {
            return new TenantSelection(named, null, false);
        }
        return group == null || group.isBlank() ? new TenantSelection(null, null, true) : new TenantSelection(null, group, false);
    }

    /** The registered tenants chosen; an unknown group is an error naming it (unknown ids are refused by who uses them). */
    List<TenantId> resolve(TenantStore store) {
        int ways = (tenants != null && !tenants.isEmpty() ? 1 : 0) + (group != null ? 1 : 0) + (all ? 1 : 0);
        if (ways != 1) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Choose tenants one way: \"tenants\": [ids], \"group\": name, or \"all\": true.");
        }
        if (tenants != null && !tenants.isEmpty()) {
            return tenants.stream().map(TenantId::of).toList();
        }
        if (!all && group.isBlank()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "\"group\" is blank: name the group, or say \"all\": true.");
        }
        List<TenantId> ids = store.ids(null, all ? null : group);
        if (ids.isEmpty() && !all) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "No registered tenant is in group '" + group
                    + "'; GET /api/v1/tenants lists the tenants with their groups.");
        }
        return ids;
    }
}
