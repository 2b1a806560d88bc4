package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which registered tenants a fleet command works on: named ones, a group, or all. Exactly one must be given,
 * so that no command reaches the whole fleet by accident.
 */
public record TenantSelection(List<TenantId> ids, String group, boolean all) {
    public TenantSelection {
        ids = ids == null ? List.of() : List.copyOf(ids);
        int given = (ids.isEmpty() ? 0 : 1) + (group == null ? 0 : 1) + (all ? 1 : 0);
        if (given != 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, given == 0
                    ? "Say which tenants: --tenants a,b, --group G or --all."
                    : "Give one of --tenants, --group and --all, not several.");
        }
    }

    /** "3 tenant(s): a,b,c" for the audit log, naming the first 50. */
    public static String describe(java.util.Collection<TenantId> tenants) {
        String names = tenants.stream().map(TenantId::value).limit(50).collect(Collectors.joining(","));
        return tenants.size() + " tenant(s): " + names + (tenants.size() > 50 ? ",..." : "");
    }

    /** The selection as it was asked for: {@code --all}, {@code --group G} or {@code --tenants a,b}. */
    public String flags() {
        return all ? "--all" : group != null ? "--group " + group
                : "--tenants " + ids.stream().map(TenantId::value).collect(Collectors.joining(","));
    }

    /** The selected tenants, in registry order (named ones in the order named); unknown names are an error. */
    public List<Tenant> select(List<Tenant> registered) {
        if (all) {
            return registered;
        }
        if (group != null) {
            List<Tenant> members = registered.stream().filter(t -> t.inGroup(group)).toList();
            if (members.isEmpty()) {
                throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "No registered tenant is in group '" + group
                        + "'; see `flotilla tenants list`.");
            }
            return members;
        }
        Map<TenantId, Tenant> byId = registered.stream().collect(Collectors.toMap(Tenant::id, Function.identity()));
        List<String> unknown = ids.stream().filter(id -> !byId.containsKey(id)).map(TenantId::value).toList();
        if (!unknown.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "Not registered: " + String.join(", ", unknown)
                    + ". Register with `flotilla tenants add`, or see `flotilla tenants list`.");
        }
        List<Tenant> selected = new ArrayList<>();
        ids.stream().distinct().forEach(id -> selected.add(byId.get(id)));
        return selected;
    }
}
