package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.history.HistorySource;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.StructureScript;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code drift --accept}: takes each selected tenant's live schema as what its history up to where it stands produces
 * (a hotfix reviewed, or tables older than Flotilla that no replay rebuilds), for drift to compare with from then on. Per
 * tenant: its history's position, its schema's fingerprint, and a copy of its structure (the database's own tools, as a
 * baseline is copied) when that copy, built in a scratch target beside it, rebuilds the schema exactly: later migrations
 * are replayed on it. Reads tenants only; in parallel within the limits. The caller records the acceptances.
 */
public final class DriftAccept {
    /** One tenant's acceptance, or (acceptance null) the code and message of why it was not taken. */
    public record Result(TenantId tenant, String target, DriftAcceptance acceptance, ErrorCode code, String error) {
        public boolean ok() {
            return acceptance != null;
        }

        /** As {@code drift --accept --json} shows a tenant, in the command line's and the API's words alike. */
        public Map<String, Object> asMap() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", tenant.value());
            entry.put("target", target);
            entry.put("status", ok() ? "accepted" : "refused");
            if (ok()) {
                entry.put("position", acceptance.position().label());
                entry.put("lastRank", acceptance.position().lastRank());
                entry.put("fingerprint", acceptance.fingerprint());
                entry.put("structureKept", acceptance.structure() != null);
                entry.put("structureProblem", acceptance.structureProblem());
                entry.put("acceptedBy", acceptance.acceptedBy());
                entry.put("acceptedAt", acceptance.acceptedAt().toString());
            } else {
                entry.put("error", error);
            }
            return entry;
        }

        /** What was kept, as said to people and in the audit log: whether later migrations can be replayed on it. */
        public String kept() {
            return acceptance.structure() != null ? "a copy of its structure is kept: migrations applied later are replayed on it"
                    : "no copy of its structure was kept (" + acceptance.structureProblem() + "): drift compares it until its"
                    + " next migration, then says unknown until it is accepted again";
        }

        /** The audit log's details of an accepted tenant. */
        public String auditDetails() {
            return "accepted the live schema at " + acceptance.position().label() + ", fingerprint " + acceptance.fingerprint()
                    + "; " + kept();
        }
    }

    private final TargetOptions template;
    private final int concurrency;
    private final int perServer;

    public DriftAccept(TargetOptions template, int concurrency, int perServer) {
        this.template = template;
        this.concurrency = concurrency;
        this.perServer = perServer;
    }

    public List<Result> accept(List<TenantTarget> tenants, String actor) {
        Instant now = Instant.now();
        return PerTarget.run(tenants, concurrency, perServer, "accepting live schemas", t -> acceptOne(t, actor, now)).stream()
                .map(o -> new Result(o.tenant(), o.target(), o.value() == null ? null : o.value().forTenant(o.tenant()),
                        o.code(), o.error())).toList();
    }

    private DriftAcceptance acceptOne(TenantTarget target, String actor, Instant now) {
        TargetSpec spec = target.target();
        String tenant = target.tenant().id().value();
        try (TargetSession session = TargetSession.open(spec, false)) {
            // A live tenant: a table its application or a deploy holds must not keep the acceptance waiting.
            session.dialect().applyTimeoutsUntilClosed(session.connection(), template.lockTimeout(), null);
            if (!session.schemaExists()) {
                throw new FlotillaException(ErrorCode.TARGET_MISSING, spec.displayName() + ": the " + session.targetNoun()
                        + " does not exist (not deployed yet, or gone): there is no live schema to accept. Check the tenant's"
                        + " target (flotilla tenants list), or provision it (flotilla tenants create).");
            }
            List<AppliedMigration> history = session.history().read();
            refuseUnfinished(history, spec, tenant, template.folders());
            Set<String> adopted = HistorySource.adoptedTables(history);
            SchemaSnapshot live = SnapshotReader.of(session).withoutTables(adopted);
            Set<String> excluded = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            excluded.addAll(SnapshotReader.flotillaTables(spec.historyTable()));
            excluded.addAll(adopted);
            List<String> structure = null;
            String problem;
            try {
                structure = StructureScript.of(session, excluded, template.lockTimeout()).statements();
                problem = exactCopy(spec, tenant, live, structure);
            } catch (FlotillaException e) {
                problem = "its structure could not be copied: " + spec.scrub(e.getMessage());
            }
            HistoryPosition position = HistoryPosition.of(history);
            if (!HistoryPosition.of(session.history().read()).equals(position)) {
                throw new FlotillaException(ErrorCode.TARGET_CHANGED, spec.displayName() + ": its history changed while its"
                        + " schema was read (a deploy or migrate ran on it): nothing was accepted. Accept again once that run"
                        + " has finished, after checking its schema.");
            }
            return new DriftAcceptance(target.tenant().id(), live.dialect(), position, live.fingerprint(),
                    SchemaSnapshot.FINGERPRINT_FORMAT, problem == null ? structure : null, problem, actor, now);
        } catch (SQLException e) {
            throw Failures.of(spec, "reading", e, false);
        }
    }

    /**
     * A schema part-way through a migration is no state to accept. A repeatable's row is named by its file: by its path
     * where one of several {@code folders} holds it.
     */
    private static void refuseUnfinished(List<AppliedMigration> history, TargetSpec spec, String tenant,
                                         dev.flotilla.migration.MigrationFolders folders) {
        history.stream().filter(r -> !r.success()).findFirst().ifPresent(row -> {
            throw new FlotillaException(ErrorCode.FAILED_MIGRATION, spec.displayName() + ": " + (row.version() == null
                    ? folders.recorded(row.script()) : "version " + row.version()) + " is recorded as failed or interrupted, so its schema"
                    + " is part-way through a migration: nothing was accepted. Finish it first (flotilla repair --tenants "
                    + tenant + "), then accept.");
        });
    }

    /** Null when the structure, built beside the tenant, is its schema exactly; else what differs, as the problem. */
    private String exactCopy(TargetSpec spec, String tenant, SchemaSnapshot live, List<String> structure) {
        SchemaSnapshot copy = AcceptedStructure.rebuild(template, spec, tenant, live.dialect(), structure, List.of());
        if (copy.fingerprint().equals(live.fingerprint())) {
            return null;
        }
        return "a copy of its structure does not rebuild it exactly (" + String.join("; ", SchemaDiff.between(live, copy)
                .changes().stream().map(Object::toString).toList()) + ")";
    }
}
