package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --fail-on pending|failed|any} of {@code plan} and {@code status --fleet}: which tenants make a read of the fleet
 * exit 1, so that a CI pipeline can gate on the exit code. {@code pending}: a tenant not known to be up to date (migrations
 * to apply, never read, being migrated); {@code failed}: a tenant that needs a hand (failed, blocked, failed its checks,
 * interrupted, unreachable, locked, refused); {@code any}: both, every tenant that is not up to date.
 */
enum FailOn {
    PENDING, FAILED, ANY;

    /** The states of {@code status --fleet} (the control plane's) a tenant needs a hand in. */
    private static final Set<String> FAILED_STATES = Set.of("failed", "blocked", "failed-verification", "interrupted",
            "unreachable", "locked", "refused");

    boolean onPending() {
        return this != FAILED;
    }

    boolean onFailed() {
        return this != PENDING;
    }

    /** Whether a tenant in this state of {@code status --fleet} needs a hand rather than a deploy. */
    static boolean failedState(String status) {
        return FAILED_STATES.contains(status);
    }

    /**
     * The errors for the tenants this gate fails on: {@code MIGRATIONS_PENDING} for a pending one, {@code TENANT_FAILED}
     * for a failed one, each naming its tenant; none for a tenant {@code reported} already (a plan's own errors).
     *
     * @param status a tenant's state word, as {@code status --fleet} says it
     * @param why what to say of a tenant after its id and state: its pending versions, its last error
     */
    <T> List<Map<String, Object>> errors(List<T> tenants, Function<T, String> id, Function<T, String> status,
                                         Function<T, String> why, Set<String> reported) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (T tenant : tenants) {
            String state = status.apply(tenant);
            if ("up-to-date".equals(state) || reported.contains(id.apply(tenant))) {
                continue;
            }
            boolean failed = failedState(state);
            if (failed ? onFailed() : onPending()) {
                errors.add(Errors.forTenant(failed ? ErrorCode.TENANT_FAILED : ErrorCode.MIGRATIONS_PENDING,
                        id.apply(tenant) + ": " + state + " (--fail-on " + word() + ")" + why.apply(tenant), id.apply(tenant)));
            }
        }
        return errors;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code pending}, {@code failed} or {@code any}, in any case. */
    static final class Converter implements ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            try {
                return FailOn.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--fail-on takes pending, failed or any, not '" + value + "'.");
            }
        }
    }
}
