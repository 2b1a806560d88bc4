package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The guard of a shared schema's rollback: before the rollback is recorded (and in its dry run), each target of the
 * tenants to roll back is read once for the merge its down files would make ({@link TenantMerge}). A target that
 * cannot be read then is not rolled back unchecked: it is refused too, saying why, since a rollback that ran on it
 * later (when it answers again, or by {@code --resume}) would not be checked again. Immutable.
 */
public final class TenantMergeGuard {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final HistoryReads.Reads reads;
    private final String column;

    /** @param column the shared schema's tenant column; null: not a shared schema, nothing to guard */
    public TenantMergeGuard(TargetOptions template, LoadedMigrations migrations, int concurrency, String column) {
        this(template, migrations, new HistoryReads.Reads(concurrency, concurrency, null), column);
    }

    private TenantMergeGuard(TargetOptions template, LoadedMigrations migrations, HistoryReads.Reads reads, String column) {
        this.template = template;
        this.migrations = migrations;
        this.reads = reads;
        this.column = column;
    }

    /**
     * This guard reading at most {@code perServer} targets of one server at once, each connection opened within {@code
     * connectWithin} where that is shorter than deploy.connectTimeout: for a page that must not keep its reader waiting
     * on a server that does not answer. A target not read within it is {@link Unchecked}, as any other. A null {@code
     * connectWithin} leaves the setting's.
     */
    public TenantMergeGuard readingWithin(int perServer, java.time.Duration connectWithin) {
        return new TenantMergeGuard(template, migrations, new HistoryReads.Reads(reads.concurrency(), perServer, connectWithin),
                column);
    }

    /**
     * A target the guard could not read.
     *
     * @param target its display name (no secret)
     * @param tenants the tenants of the rollback on it
     * @param why what failed, with its error code
     */
    public record Unchecked(String target, List<String> tenants, String why) {
        public Unchecked {
            tenants = List.copyOf(tenants);
        }
    }

    /**
     * What the guard found: the merges, the targets it could not read, and what it says without refusing ({@link
     * TenantGuardRead#notices}: filters on the tenant column the down files take away, a guess it let through), each a
     * sentence naming its target.
     */
    public record Findings(String column, List<TenantMerge> merges, List<Unchecked> unchecked, List<String> notices) {
        public Findings {
            merges = List.copyOf(merges);
            unchecked = List.copyOf(unchecked);
            notices = List.copyOf(notices);
        }

        public Findings(String column, List<TenantMerge> merges, List<Unchecked> unchecked) {
            this(column, merges, unchecked, List.of());
        }

        /** One refusal per merge, then one for the targets not read; empty when the rollback may run. */
        public List<FlotillaException> refusals() {
            List<FlotillaException> refusals = new ArrayList<>(merges.stream().map(TenantMerge::refusal).toList());
            if (!unchecked.isEmpty()) {
                refusals.add(uncheckedRefusal());
            }
            return refusals;
        }

        /** Throws the first refusal, if any. */
        public void refuseAny() {
            List<FlotillaException> refusals = refusals();
            if (!refusals.isEmpty()) {
                throw refusals.get(0);
            }
        }

        private FlotillaException uncheckedRefusal() {
            List<String> named = unchecked.stream().map(u -> u.target() + (u.tenants().isEmpty() ? "" : " (tenants "
                    + String.join(", ", u.tenants().stream().limit(5).toList()) + (u.tenants().size() > 5 ? ", ..." : "") + ")")
                    + ": " + u.why()).toList();
            return new FlotillaException(ErrorCode.ROLLBACK_REFUSED, "Cannot roll back: whether its down files would drop the"
                    + " tenant column " + column + " under the rows of more than one tenant (merging them for good) could not"
                    + " be checked on " + unchecked.size() + " target(s): " + String.join("; ", named.stream().limit(10).toList())
                    + (named.size() > 10 ? "; ..." : "") + ". A rollback is not run there unchecked. Make the target"
                    + " reachable and readable, then run the rollback again. Nothing was rolled back.");
        }
    }

    /**
     * What the guard finds on one target ({@code rollback --url}) by {@code read}, its merge or null: a target it cannot
     * read is refused as a fleet's is.
     */
    public static Findings one(String target, String column, Supplier<TenantGuardRead> read) {
        if (column == null) {
            return new Findings(null, List.of(), List.of());
        }
        try {
            TenantGuardRead found = read.get();
            return new Findings(column, Stream.ofNullable(found.merge()).toList(), List.of(), found.notices());
        } catch (FlotillaException e) {
            return new Findings(column, List.of(), List.of(new Unchecked(target, List.of(), why(e))));
        }
    }

    /** The target of {@code t} not read, with the {@code tenants} sharing it. */
    private static Unchecked unchecked(TenantTarget t, List<TenantTarget> tenants, FlotillaException e) {
        List<String> sharing = tenants.stream().filter(o -> o.targetKey().equals(t.targetKey()))
                .map(o -> o.tenant().id().value()).toList();
        return new Unchecked(t.target().displayName(), sharing, why(e));
    }

    /** What failed, in the exception's own words, with its code. */
    private static String why(FlotillaException e) {
        return e.getMessage() + " (" + e.code() + ")";
    }

    /**
     * The merges the rollback of {@code tenants} by their {@code requests} would make, each target read once; nothing
     * found when the tenant column is not known. A rollback that cannot run there (no down file, newer migrations on top)
     * is no finding: its own refusal says why.
     */
    public Findings check(List<TenantTarget> tenants, Map<TenantId, RollbackRequest> requests) {
        return check(tenants, requests, Map.of());
    }

    /**
     * As above, the targets in {@code unread} (by {@link TenantTarget#targetKey}, with what failed) refused as not read
     * without being read again: a look just before could not read them, and a server that gave it no answer would hold
     * the caller as long again.
     */
    Findings check(List<TenantTarget> tenants, Map<TenantId, RollbackRequest> requests, Map<String, FlotillaException> unread) {
        if (column == null || tenants.isEmpty()) {
            return new Findings(column, List.of(), List.of());
        }
        List<TenantTarget> targets = List.copyOf(TenantTarget.oneByTarget(tenants).values());
        List<Object> found = HistoryReads.each(template, migrations, reads, targets, (t, runner) -> {
            FlotillaException failed = unread.get(t.targetKey());
            if (failed != null) {
                return unchecked(t, tenants, failed);
            }
            try {
                return runner.rollbackGuard(requests.get(t.tenant().id()), column);
            } catch (FlotillaException e) {
                return unchecked(t, tenants, e);
            }
        });
        List<TenantGuardRead> read = found.stream().filter(TenantGuardRead.class::isInstance).map(TenantGuardRead.class::cast)
                .toList();
        return new Findings(column, read.stream().map(TenantGuardRead::merge).filter(java.util.Objects::nonNull).toList(),
                found.stream().filter(Unchecked.class::isInstance).map(Unchecked.class::cast).toList(),
                read.stream().flatMap(r -> r.notices().stream()).toList());
    }
}
