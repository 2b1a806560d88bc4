package dev.flotilla.plan;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.util.Objects;

/**
 * A finding that blocks a run on a target, kept as a value so all of them can be reported together.
 *
 * @param advice what it says, the commands it tells to run kept as values
 * @param migration the version (or script, for repeatables) concerned, or null
 * @param check the id of the check that failed ({@code CHECK_FAILED}: {@code fk-orphans}, {@code unique-keys}...), or null
 */
public record Problem(ErrorCode code, Advice advice, String migration, String check) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(advice, "advice");
    }

    public Problem(ErrorCode code, String message, String migration) {
        this(code, Advice.plain(Objects.requireNonNull(message, "message")), migration, null);
    }

    public Problem(ErrorCode code, String message, String migration, String check) {
        this(code, Advice.plain(Objects.requireNonNull(message, "message")), migration, check);
    }

    /** A finding that is not a check's. */
    public Problem(ErrorCode code, Advice advice, String migration) {
        this(code, advice, migration, null);
    }

    /** The same finding, {@code scrub} applied to what it says (see {@link Advice#masked}). */
    public Problem masked(java.util.function.UnaryOperator<String> scrub) {
        return new Problem(code, advice.masked(scrub), migration, check);
    }

    /** What it says. */
    public String message() {
        return advice.text();
    }

    /** As it reads, for test failures and logs: the message, not its parts. */
    @Override
    public String toString() {
        return "Problem[code=" + code + ", message=" + message() + ", migration=" + migration + "]";
    }

    /** This problem for {@code tenant} of the fleet: the commands it names select that tenant. */
    public Problem forTenant(TenantId tenant) {
        return new Problem(code, advice.forTenant(tenant), migration, check);
    }
}
