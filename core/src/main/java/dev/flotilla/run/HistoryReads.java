package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.ConnectionReuse;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads each tenant's target through its runner before a fleet's rollback is recorded (its plan, what it would merge), at
 * the fleet's concurrency, the tenants' sessions reusing their server's connections as a deploy's do
 * ({@link ConnectionReuse}): one login per worker, not per tenant.
 */
final class HistoryReads {
    private HistoryReads() {
    }

    /** {@code read} of each of {@code tenants}, in their order. */
    static <T> List<T> each(TargetOptions template, LoadedMigrations migrations, int concurrency, List<TenantTarget> tenants,
                            BiFunction<TenantTarget, TargetRunner, T> read) {
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            return Parallel.map(tenants, concurrency, "reading the history of", t -> read.apply(t,
                    new TargetRunner(template.forTarget(t.target(), t.tenant().id().value()), migrations, connections)));
        }
    }
}
