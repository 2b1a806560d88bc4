package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's live schema as an administrator accepted it ({@code drift --accept}): what its history up to
 * {@code position} produces, for drift to compare with instead of a replay of that history. Holds no secret: no URL,
 * user or password.
 *
 * @param position where the history stood (its last rank, a digest of its rows up to it, and the version said)
 * @param fingerprint the accepted schema's, in {@code fingerprintFormat}
 * @param structure the statements that build it again (no rows), or null when no exact copy could be kept
 * @param structureProblem why no structure was kept; null when one was
 */
public record DriftAcceptance(TenantId tenant, String dialect, HistoryPosition position, String fingerprint,
                              int fingerprintFormat, List<String> structure, String structureProblem, String acceptedBy,
                              Instant acceptedAt) {
    public DriftAcceptance {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(fingerprint, "fingerprint");
        structure = structure == null || structure instanceof ReadWhenNeeded ? structure : List.copyOf(structure);
    }

    /**
     * A kept structure that is read only when a check needs it (to rebuild the accepted schema, or to name it in the
     * cache), the first time anything of it is asked: most checks compare fingerprints alone, and a fleet's
     * structures are its acceptances' bulk.
     */
    public static List<String> readWhenNeeded(java.util.function.Supplier<List<String>> read) {
        return new ReadWhenNeeded(read);
    }

    private static final class ReadWhenNeeded extends java.util.AbstractList<String> {
        private final java.util.function.Supplier<List<String>> read;
        private List<String> statements;

        ReadWhenNeeded(java.util.function.Supplier<List<String>> read) {
            this.read = read;
        }

        private synchronized List<String> statements() {
            if (statements == null) {
                statements = List.copyOf(read.get());
            }
            return statements;
        }

        @Override
        public String get(int index) {
            return statements().get(index);
        }

        @Override
        public int size() {
            return statements().size();
        }
    }

    /** The same acceptance for {@code other}, a tenant sharing the target (shared-schema tenancy). */
    DriftAcceptance forTenant(TenantId other) {
        return new DriftAcceptance(other, dialect, position, fingerprint, fingerprintFormat, structure, structureProblem,
                acceptedBy, acceptedAt);
    }

    /** The acceptance as drift names it: by whom, when, and where the history stood. */
    public String describe() {
        return "the live schema " + acceptedBy + " accepted at " + acceptedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (history at " + position.label() + ")";
    }

    /** The acceptances a drift check reads, by tenant; the control plane keeps them. */
    public interface Store {
        /** No acceptances: a drift check without a control plane (one target). */
        Store NONE = tenants -> java.util.Map.of();

        /**
         * The acceptances of these tenants, by tenant (none for a tenant without one): a check of some tenants of a large
         * fleet reads theirs alone, and each kept structure only when the check needs it ({@link #readWhenNeeded}).
         */
        java.util.Map<TenantId, DriftAcceptance> of(java.util.Collection<TenantId> tenants);
    }
}
