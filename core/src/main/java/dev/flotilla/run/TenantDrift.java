package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One tenant's drift: whether its live schema is the one its history says it should have, and if not, how
 * it differs (the diff from the expected schema to the live one: an index added by hand is "added").
 *
 * @param fingerprint the live schema's, null when it could not be read
 * @param expected the expected schema's, null when it could not be built
 * @param diff empty unless drifted
 * @param reason why the status is unknown or unreachable; null otherwise
 * @param code why a tenant is unreachable (AUTHENTICATION_FAILED, CONNECTION_FAILED...), as plan says it; null otherwise
 * @param acceptance what the tenant was compared with when an administrator accepted its live schema ({@code drift
 *     --accept}), or why that acceptance no longer holds; null for a tenant compared with its history's replay alone
 */
public record TenantDrift(TenantId tenant, String target, Status status, String fingerprint, String expected, SchemaDiff diff,
                          String reason, ErrorCode code, String acceptance) {
    /** How a tenant's schema stands against its history. */
    public enum Status {
        CLEAN, DRIFTED, UNKNOWN, UNREACHABLE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TenantDrift {
        diff = diff == null ? new SchemaDiff(java.util.List.of()) : diff;
    }

    /** A tenant compared with its history's replay alone. */
    public TenantDrift(TenantId tenant, String target, Status status, String fingerprint, String expected, SchemaDiff diff,
                       String reason, ErrorCode code) {
        this(tenant, target, status, fingerprint, expected, diff, reason, code, null);
    }

    /** This outcome, saying what the tenant was compared with ({@link #acceptance}). */
    TenantDrift withAcceptance(String said) {
        return new TenantDrift(tenant, target, status, fingerprint, expected, diff, reason, code, said);
    }

    /**
     * The status as said to people: a tenant that could not be read because another session holds it is "locked"; one
     * whose server refused its login is "refused": it was reached, and what makes it readable is its login, not the network.
     */
    public String statusWord() {
        return status == Status.UNREACHABLE ? dev.flotilla.plan.Unread.word(code, status.word()) : status.word();
    }

    /** This outcome with {@code scrub} applied to its reason, its acceptance's words and its diff (a column's default). */
    TenantDrift masked(java.util.function.UnaryOperator<String> scrub) {
        if (diff == null && reason == null && acceptance == null) {
            return this; // a clean tenant's says nothing to mask: a large fleet's check costs nothing more
        }
        return new TenantDrift(tenant, target, status, fingerprint, expected, diff == null ? null : diff.masked(scrub),
                reason == null ? null : scrub.apply(reason), code, acceptance == null ? null : scrub.apply(acceptance));
    }

    /** This outcome for {@code other}, a tenant sharing its target, with {@code reason} instead of its own. */
    TenantDrift forTenant(TenantId other, String otherReason) {
        return new TenantDrift(other, target, status, fingerprint, expected, diff, otherReason, code, acceptance);
    }

    /** What tenants in one group share: the status with the diff or the reason, without the tenant's own names. */
    public String outcome() {
        return switch (status) {
            case CLEAN -> "no drift";
            // Drifted from an accepted schema whose structure could not be kept: what differs cannot be named, the reason says so.
            case DRIFTED -> diff.isEmpty() && reason != null ? reason
                    : String.join("; ", diff.changes().stream().map(Object::toString).toList());
            case UNKNOWN, UNREACHABLE -> reason;
        };
    }

    /**
     * The outcome as the tenants of one group share it, but for the tenant's id: an unknown or unreachable tenant's reason
     * without its target and scratch copies ({@link TenantWords}: the expected schema that could not be rebuilt on its
     * scratch copy reads alike for all); its id is taken out when the group is formed ({@link #namesTenant}).
     */
    String generalOutcome() {
        return namesTenant() ? TenantWords.withoutNames(String.valueOf(reason), target, tenant, null) : outcome();
    }

    /** Whether {@link #generalOutcome} may name the tenant's id: a reason does, a diff names the tables alone. */
    boolean namesTenant() {
        return status == Status.UNKNOWN || status == Status.UNREACHABLE;
    }

    /** As {@code drift --json} shows a tenant, in the command line's and the API's words alike. */
    public Map<String, Object> asMap() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", tenant.value());
        entry.put("target", target);
        entry.put("status", statusWord());
        entry.put("fingerprint", fingerprint);
        entry.put("expected", expected);
        entry.put("diff", diff.changes().stream().map(Object::toString).toList());
        entry.put("reason", reason);
        entry.put("acceptance", acceptance);
        return entry;
    }
}
