package dev.flotilla.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprints of reference schemas already built, per history key: a tenant whose schema has that
 * fingerprint has not drifted, and no scratch build is needed to say so. The control plane keeps them across
 * runs; implementations are thread-safe.
 */
public interface ReferenceCache {
    Optional<String> fingerprint(String historyKey);

    void remember(String historyKey, String dialect, String fingerprint);

    /** A cache that lives as long as the object, for a single target or a run without a control plane. */
    static ReferenceCache inMemory() {
        Map<String, String> fingerprints = new ConcurrentHashMap<>();
        return new ReferenceCache() {
            @Override
            public Optional<String> fingerprint(String historyKey) {
                return Optional.ofNullable(fingerprints.get(historyKey));
            }

            @Override
            public void remember(String historyKey, String dialect, String fingerprint) {
                fingerprints.put(historyKey, fingerprint);
            }
        };
    }
}
