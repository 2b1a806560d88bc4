package dev.flotilla.web.fleet;

import dev.flotilla.tenant.TenantId;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The results of the tenant page's repairs, kept so that the form's POST can redirect to a page that shows one (Post,
 * Redirect, Get): a reload of that page shows it again instead of repairing again (which would answer Nothing to
 * repair). The newest {@code limit} are kept, in memory, until the console restarts; the audit log keeps every repair.
 * Thread-safe.
 */
public final class RepairResults {
    /** One repair done from the tenant page: the tenant asked for, what was done, and whether to rerun from the start. */
    public record Kept(String id, TenantId tenant, RepairWork.Outcome outcome, boolean rerunFromStart) {
    }

    private static final SecureRandom IDS = new SecureRandom();
    private final int limit;
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    RepairResults(int limit) {
        this.limit = limit;
    }

    /** Keeps a repair's result under a new id, unguessable (its page names targets), forgetting the oldest past the limit. */
    public synchronized Kept keep(TenantId tenant, RepairWork.Outcome outcome, boolean rerunFromStart) {
        byte[] random = new byte[8];
        IDS.nextBytes(random);
        Kept result = new Kept(HexFormat.of().formatHex(random), tenant, outcome, rerunFromStart);
        kept.put(result.id(), result);
        while (kept.size() > limit) {
            kept.remove(kept.keySet().iterator().next());
        }
        return result;
    }

    /** The repair of {@code tenant} kept under {@code id}, if it still is. */
    public synchronized Optional<Kept> find(TenantId tenant, String id) {
        return Optional.ofNullable(kept.get(id)).filter(k -> k.tenant().equals(tenant));
    }
}
