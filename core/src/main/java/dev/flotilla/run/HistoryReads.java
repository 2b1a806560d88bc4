package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.ConnectTimeout;
import dev.flotilla.target.ConnectionReuse;
import java.time.Duration;
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
        return each(template, migrations, new Reads(concurrency, concurrency, null), tenants, read);
    }

    /**
     * How targets are read: how many at once, on one server at once, and within how long each connection opens.
     *
     * @param connectWithin a bound shorter than deploy.connectTimeout for opening connections, or null for the setting's
     */
    record Reads(int concurrency, int perServer, Duration connectWithin) {
    }

    /** {@code read} of each of {@code tenants}, in their order, as {@code reads} says. */
    static <T> List<T> each(TargetOptions template, LoadedMigrations migrations, Reads reads, List<TenantTarget> tenants,
                            BiFunction<TenantTarget, TargetRunner, T> read) {
        ServerLimits limits = new ServerLimits(reads.perServer());
        try (ConnectionReuse connections = new ConnectionReuse(reads.concurrency())) {
            return Parallel.map(tenants, reads.concurrency(), "reading the history of", t -> limits.within(t, () -> {
                TargetRunner runner = new TargetRunner(template.forTarget(t.target(), t.tenant().id().value()), migrations,
                        connections);
                return reads.connectWithin() == null ? read.apply(t, runner)
                        : ConnectTimeout.within(reads.connectWithin(), () -> read.apply(t, runner));
            }));
        }
    }
}
