package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.history.HistorySource;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.FleetCommands;
import dev.flotilla.run.LiveSchemas.Live;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code drift}: each tenant's live schema against the schema its history says it should have. The expected
 * schema is built once per distinct history (its applied files migrated into a scratch target beside a
 * tenant's) and its fingerprint remembered in the {@link ReferenceCache}, so a fleet where nothing drifted is
 * checked by reading schemas alone; the expected schema itself is rebuilt only to explain a drift. Like Flotilla's
 * history table, the table of the tool a history was adopted from ({@code flyway_schema_history}) is left out. Reads
 * tenants only; scratch targets are dropped afterwards.
 */
public final class FleetDrift {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final int concurrency;
    private final int perServer;
    private final ReferenceCache cache;
    private final DriftAcceptance.Store acceptances;

    public FleetDrift(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer, ReferenceCache cache) {
        this(template, migrations, concurrency, perServer, cache, DriftAcceptance.Store.NONE);
    }

    /** @param acceptances the live schemas accepted with {@code drift --accept}: such a tenant is compared with its own */
    public FleetDrift(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer, ReferenceCache cache,
                      DriftAcceptance.Store acceptances) {
        this.template = template;
        this.migrations = migrations;
        this.concurrency = concurrency;
        this.perServer = perServer;
        this.cache = cache;
        this.acceptances = acceptances;
    }

    /** Checks {@code tenants}, each with the acceptances of its own target's tenants among them. */
    public DriftReport check(List<TenantTarget> tenants) {
        return check(tenants, tenants);
    }

    /**
     * Checks {@code tenants}; what the report says is masked of each tenant's target's secrets (its password, those in its
     * URL) and of the template's secret placeholders' values, as a fleet's dry run is. An acceptance is its target's: a
     * tenant on a shared target (shared-schema) is compared with the newest acceptance of any {@code registered} tenant on
     * it, so one added after the acceptance and checked alone is compared with the schema its target's tenants accepted.
     */
    public DriftReport check(List<TenantTarget> tenants, List<TenantTarget> registered) {
        long start = System.nanoTime();
        Map<String, TenantTarget> byTarget = TenantTarget.oneByTarget(tenants);
        String historyTable = tenants.isEmpty() ? null : tenants.get(0).target().historyTable();
        Map<String, Live> live = LiveSchemas.read(new ArrayList<>(byTarget.values()), historyTable, concurrency, perServer,
                template.lockTimeout());
        References references = new References();
        Map<String, DriftAcceptance> accepted = acceptedByTarget(tenants, registered);
        Map<String, TenantDrift> byKey = new HashMap<>();
        byTarget.forEach((key, target) -> byKey.put(key, checkAccepted(target, live.get(key), references, accepted.get(key))));
        Set<String> sharing = LoginRefused.sharedTargets(tenants);
        List<TenantDrift> drifts = tenants.stream().map(t -> {
            TenantDrift shared = byKey.get(t.targetKey());
            // A diff quotes a column's default, a reason a replayed statement, as they were written: the target's own
            // password among them is masked here, no control plane being between the report and its caller.
            return shared.forTenant(t.tenant().id(), LoginRefused.reason(shared.reason(), shared.code(), t, sharing))
                    .masked(t.target()::scrub);
        }).toList();
        DriftReport report = DriftReport.of(drifts, references.built + references.accepted.built(),
                (System.nanoTime() - start) / 1_000_000);
        return SecretPlaceholderMask.of(template).map(report::masked).orElse(report);
    }

    /**
     * The newest acceptance of each checked target's tenants, the checked ones and the registered ones on it: tenants
     * sharing a target (shared-schema) share its schema, so what was accepted for one of them (for all when accepted, but
     * a tenant added since has none) holds for the target.
     */
    private Map<String, DriftAcceptance> acceptedByTarget(List<TenantTarget> tenants, List<TenantTarget> registered) {
        java.util.Set<String> checked = tenants.stream().map(TenantTarget::targetKey).collect(java.util.stream.Collectors.toSet());
        Map<TenantId, TenantTarget> onChecked = new java.util.LinkedHashMap<>();
        tenants.forEach(t -> onChecked.put(t.tenant().id(), t));
        registered.stream().filter(t -> checked.contains(t.targetKey())).forEach(t -> onChecked.putIfAbsent(t.tenant().id(), t));
        Map<TenantId, DriftAcceptance> accepted = acceptances.of(onChecked.keySet());
        Map<String, DriftAcceptance> byTarget = new HashMap<>();
        for (TenantTarget t : onChecked.values()) {
            DriftAcceptance one = accepted.get(t.tenant().id());
            if (one != null) {
                byTarget.merge(t.targetKey(), one, (a, b) -> a.acceptedAt().isAfter(b.acceptedAt()) ? a : b);
            }
        }
        return byTarget;
    }

    /**
     * A tenant with an acceptance that still holds is compared with it; one whose acceptance no longer holds is compared
     * with its history's replay, saying so.
     */
    private TenantDrift checkAccepted(TenantTarget target, Live live, References references, DriftAcceptance accepted) {
        if (accepted == null || live.error() != null) {
            return check(target, live, references);
        }
        SchemaSnapshot schema = live.snapshot().withoutTables(HistorySource.adoptedTables(live.history()));
        AcceptedReference.Outcome outcome = references.accepted.compare(target, schema, live.history(), accepted);
        return outcome.drift() != null ? outcome.drift() : check(target, live, references).withAcceptance(outcome.noLongerHolds());
    }

    private TenantDrift check(TenantTarget target, Live live, References references) {
        String name = target.target().displayName();
        if (live.error() != null) {
            return new TenantDrift(target.tenant().id(), name, Status.UNREACHABLE, null, null, null, live.error(), live.code());
        }
        // The table of the tool the history was adopted from is that tool's bookkeeping, as Flotilla's own is.
        SchemaSnapshot schema = live.snapshot().withoutTables(HistorySource.adoptedTables(live.history()));
        String fingerprint = schema.fingerprint();
        if (live.history().isEmpty() && !schema.tables().isEmpty()) {
            return unknown(target, fingerprint, name + " has " + schema.tables().size() + " table(s) but no history:"
                    + " record it first (flotilla baseline, or flotilla adopt --from TOOL), or accept its live schema as it is"
                    + " (flotilla drift --accept)");
        }
        Dialect dialect = Dialect.forUrl(target.target().url());
        String tenant = target.tenant().id().value();
        Map<String, String> placeholders = PendingScripts.placeholderValues(template, target);
        ExpectedSchema expected = ExpectedSchema.of(migrations, live.history(), dialect, tenant, name, placeholders);
        if (expected.problem() == null) {
            expected = Optional.ofNullable(ExpectedSchema.afterRollback(migrations, live.history(), dialect, tenant, name,
                    placeholders)).orElse(expected);
        }
        if (expected.problem() != null) {
            return unknown(target, fingerprint, FleetCommands.forTenant(expected.problem(), target.tenant().id()));
        }
        try {
            String reference = references.fingerprint(expected, target);
            if (reference.equals(fingerprint)) {
                return new TenantDrift(target.tenant().id(), name, Status.CLEAN, fingerprint, reference, null, null, null);
            }
            SchemaDiff diff = SchemaDiff.between(references.snapshot(expected, target), schema);
            return new TenantDrift(target.tenant().id(), name, Status.DRIFTED, fingerprint, reference, diff, null, null);
        } catch (FlotillaException e) {
            return unknown(target, fingerprint, e.getMessage());
        }
    }

    /** @param reason masked by {@link #check(List, List)}: it may quote what a scratch copy's replay of the migrations failed on */
    private static TenantDrift unknown(TenantTarget target, String fingerprint, String reason) {
        return new TenantDrift(target.tenant().id(), target.target().displayName(), Status.UNKNOWN, fingerprint, null, null,
                reason, null);
    }

    /** The expected schemas of this run: fingerprints from the cache where it has them, snapshots built when needed. */
    private final class References {
        final Map<String, SchemaSnapshot> snapshots = new HashMap<>();
        final AcceptedReference accepted = new AcceptedReference(template, migrations, cache);
        int built;

        String fingerprint(ExpectedSchema expected, TenantTarget target) {
            Optional<String> cached = snapshots.containsKey(expected.key())
                    ? Optional.of(snapshots.get(expected.key()).fingerprint()) : cache.fingerprint(expected.key());
            return cached.orElseGet(() -> snapshot(expected, target).fingerprint());
        }

        SchemaSnapshot snapshot(ExpectedSchema expected, TenantTarget target) {
            return snapshots.computeIfAbsent(expected.key(), key -> {
                SchemaSnapshot snapshot = ReferenceSchema.build(template, expected, target.target(),
                        target.tenant().id().value());
                built++;
                cache.remember(key, snapshot.dialect(), snapshot.fingerprint());
                return snapshot;
            });
        }
    }
}
