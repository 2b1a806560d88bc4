package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to do about a tenant whose server refused its login (AUTHENTICATION_FAILED), said after the refusal itself (which
 * names the user and where its password was read): the tenant was reached, so only its login makes it readable again.
 */
final class LoginRefused {
    private LoginRefused() {
    }

    /** The target keys of {@code tenants} that more than one of them lives on (one schema, a tenant column). */
    static Set<String> sharedTargets(List<TenantTarget> tenants) {
        return tenants.stream().collect(Collectors.groupingBy(TenantTarget::targetKey, Collectors.counting())).entrySet()
                .stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * What to say of {@code tenant} that could not be read for {@code said} ({@code code}): for a refused login, the
     * remedy after it; any other reason as it is.
     *
     * @param shared the target keys tenants share, from {@link #sharedTargets}
     */
    static String reason(String said, ErrorCode code, TenantTarget tenant, Set<String> shared) {
        return code == ErrorCode.AUTHENTICATION_FAILED ? said + remedy(tenant, shared) : said;
    }

    /** As {@link #reason(String, ErrorCode, TenantTarget, Set)}, for what is said as advice (a dry run's error). */
    static Advice reason(Advice said, ErrorCode code, TenantTarget tenant, Set<String> shared) {
        return code == ErrorCode.AUTHENTICATION_FAILED ? said.followedBy(Advice.plain(remedy(tenant, shared))) : said;
    }

    /**
     * As {@link #reason(Advice, ErrorCode, TenantTarget, Set)}, for a task of {@code group}, the tenants sharing the
     * target of {@code tenant} (one of them) and so its login: what its result and its log say alike.
     */
    static Advice reason(Advice said, ErrorCode code, TenantTarget tenant, List<TenantTarget> group) {
        return reason(said, code, tenant, group.size() > 1 ? Set.of(tenant.targetKey()) : Set.<String>of());
    }

    private static String remedy(TenantTarget tenant, Set<String> shared) {
        return remedy(tenant.tenant(), tenant.loginShared() || shared.contains(tenant.targetKey()));
    }

    /**
     * The remedy for {@code tenant}, starting with a space: its own login changed with {@code tenants set-credentials}, or
     * for a tenant logging in as the tenancy, the tenancy's password fixed or a login of its own given; a tenant sharing
     * its target with others (one schema, a tenant column) logs in as they do, so its tenancy's login is what to fix.
     */
    static String remedy(Tenant tenant, boolean sharesTarget) {
        String command = "`flotilla tenants set-credentials " + tenant.id() + " --user USER --password-env VAR`";
        if (sharesTarget) {
            return " Its tenants share this target and its login: fix the tenancy's user or password (tenancy.user,"
                    + " tenancy.passwordEnv in flotilla.yml).";
        }
        if (tenant.credentials().hasPasswordSource()) {
            return " The tenant logs in with a login of its own: set the right password where it is read, or change the"
                    + " login with " + command + ".";
        }
        return " The tenant logs in as the tenancy does: fix the tenancy's user or password (tenancy.user,"
                + " tenancy.passwordEnv in flotilla.yml), or give the tenant a login of its own with " + command + ".";
    }
}
