package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BaselineStore;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.ScratchTarget;
import dev.flotilla.scratch.StructureScript;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fast path of provisioning: a structure applied in one step instead of every migration replayed. From a
 * scratch run of every file (built once per set of files, then kept in the control plane), or from a reference
 * tenant. Refused where a copy of the structure cannot stand for a replay: migrations that insert rows (a
 * structure has none) or that use {@code ${tenant}} in their DDL (the copy would carry another tenant's name).
 */
final class BaselineBuild {
    private final ControlPlane plane;
    private final TargetOptions template;
    private final LoadedMigrations migrations;

    BaselineBuild(ControlPlane plane, TargetOptions template, LoadedMigrations migrations) {
        this.plane = plane;
        this.template = template;
        this.migrations = migrations;
    }

    /** Applies the baseline to the new (empty) target, records it, then migrates what came after it. */
    TenantProvisioning.Built apply(TargetOptions options, TenantTarget target, TenantTarget reference) {
        BaselineStore.Baseline baseline = reference == null ? fromScratch(target) : fromReference(reference);
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            // Bounded as a deploy's statements are: the new schema is no one else's, but a table of another schema that
            // its foreign keys or views refer to can be held by another session.
            session.dialect().applyTimeoutsUntilClosed(session.connection(), options.lockTimeout(), options.statementTimeout());
            try {
                new StructureScript(baseline.dialect(), baseline.statements()).applyTo(session);
            } catch (SQLException e) {
                if (options.lockTimeout() == null || !session.dialect().isLockTimeout(e)) {
                    throw e;
                }
                String said = Failures.sentence(target.target().scrub(String.valueOf(e.getMessage())));
                throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Applying the baseline to " + target.target().displayName()
                        + " gave up after the lock timeout, waiting for a table of another schema that its foreign keys or"
                        + " views refer to" + Failures.sqlState(e) + ": " + said + " Another session holds it; provision again"
                        + " once that session has released it, or raise deploy.lockTimeout in flotilla.yml.", e);
            }
        } catch (SQLException e) {
            throw Failures.of(target.target(), "applying the baseline to", e);
        }
        new Baseline(options, migrations).baseline(MigrationVersion.parse(baseline.version()));
        RunReport later = new TargetRunner(options, migrations).migrate();
        if (!later.ok()) {
            throw new FlotillaException(later.problems().get(0).code(), later.problems().get(0).message());
        }
        List<String> applied = later.applied().stream().map(MigrationRun::version).filter(Objects::nonNull).toList();
        return new TenantProvisioning.Built("baselined at version " + baseline.version() + " from " + (reference == null
                ? "a scratch run of every migration" : "tenant " + reference.tenant().id()) + (applied.isEmpty() ? ""
                : ", then migrated " + String.join(", ", applied)), baseline.version(), applied);
    }

    private BaselineStore.Baseline fromScratch(TenantTarget target) {
        Dialect dialect = Dialect.forUrl(target.target().url());
        String tenant = target.tenant().id().value();
        ExpectedSchema all = ExpectedSchema.ofAll(migrations, dialect, tenant);
        refuseCopying(all, dialect, "the migrations");
        return plane.baselines().find(all.key()).orElseGet(() -> {
            BaselineStore.Baseline built = build(target.target(), tenant, dialect);
            plane.baselines().remember(all.key(), built);
            plane.drift().remember(all.key(), built.dialect(), built.fingerprint());
            return built;
        });
    }

    private BaselineStore.Baseline build(TargetSpec beside, String tenant, Dialect dialect) {
        String newest = migrations.versioned().stream().map(Migration::version).max(MigrationVersion::compareTo)
                .map(MigrationVersion::toString).orElseThrow(() -> new FlotillaException(ErrorCode.BASELINE_REFUSED,
                        "There are no versioned migrations to baseline from."));
        try (ScratchTarget scratch = ScratchTarget.beside(beside, template.lockTimeout())) {
            RunReport report = new TargetRunner(template.forTarget(scratch.spec(), tenant), migrations).migrate();
            if (!report.ok()) {
                throw new FlotillaException(report.problems().get(0).code(), "The full run that builds the baseline failed: "
                        + ScratchRunFailure.said(report));
            }
            try (TargetSession session = TargetSession.open(scratch.spec(), false)) {
                // Bounded as the copy of a reference is: what holds a table of the scratch (or of another schema its views
                // read) must not keep the provisioning waiting. pg_dump reads on a connection of its own.
                session.dialect().applyTimeoutsUntilClosed(session.connection(), template.lockTimeout(), null);
                StructureScript structure = StructureScript.of(session, SnapshotReader.flotillaTables(beside.historyTable()),
                        template.lockTimeout());
                return new BaselineStore.Baseline(dialect.name(), newest, SnapshotReader.of(session).fingerprint(),
                        structure.statements());
            } catch (SQLException e) {
                throw Failures.of(scratch.spec(), "reading the baseline from", e);
            }
        }
    }

    private BaselineStore.Baseline fromReference(TenantTarget reference) {
        String name = reference.target().displayName();
        Dialect dialect = Dialect.forUrl(reference.target().url());
        Duration lockTimeout = template.lockTimeout();
        try (TargetSession session = TargetSession.open(reference.target(), false)) {
            // A live tenant: a table its application or a deploy holds must not keep the provisioning waiting.
            session.dialect().applyTimeoutsUntilClosed(session.connection(), lockTimeout, null);
            try {
                return copy(session, reference, name, dialect);
            } catch (SQLException e) {
                if (lockTimeout == null || !dialect.isLockTimeout(e)) {
                    throw e;
                }
                throw Failures.tableHeld(session, lockTimeout, "Copying the reference", "to read its schema", e, ". Nothing"
                        + " of the reference was changed. Provision again once that session has released it, or raise"
                        + " deploy.lockTimeout in flotilla.yml.");
            }
        } catch (SQLException e) {
            throw Failures.of(reference.target(), "reading the reference", e);
        }
    }

    /** The reference's structure as a baseline, refused where a copy of it cannot stand for a replay. */
    private BaselineStore.Baseline copy(TargetSession session, TenantTarget reference, String name, Dialect dialect)
            throws SQLException {
        var history = session.history().read();
        // Compared as plan compares it: a repeatable adopted with Flyway's checksum, after the reference's placeholders.
        TargetOptions options = template.forTarget(reference.target(), reference.tenant().id().value());
        TargetPlan plan = PendingScripts.planOf(options, migrations, session, history);
        List<Problem> problems = plan.problems(ValidationPolicy.STRICT);
        if (!problems.isEmpty()) {
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, "The reference " + name + " cannot be copied: "
                    + problems.get(0).message());
        }
        MigrationStatus newest = plan.appliedNewestFirst().stream().findFirst().orElseThrow(() -> new FlotillaException(
                ErrorCode.BASELINE_REFUSED, "The reference " + name + " has no migration applied to copy."));
        if (plan.statuses().stream().anyMatch(s -> s.version() != null && s.state() == MigrationState.OUT_OF_ORDER)) {
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, "The reference " + name + " skipped a migration older"
                    + " than " + newest.label() + ": its structure is not what a baseline at that version stands for.");
        }
        refuseCopying(ExpectedSchema.of(migrations, history, dialect, reference.tenant().id().value(), name,
                PendingScripts.placeholderValues(options, session.schema())), dialect, name);
        StructureScript structure = StructureScript.of(session, SnapshotReader.flotillaTables(reference.target().historyTable()),
                template.lockTimeout());
        return new BaselineStore.Baseline(dialect.name(), newest.version(), SnapshotReader.of(session).fingerprint(),
                structure.statements());
    }

    private static void refuseCopying(ExpectedSchema expected, Dialect dialect, String source) {
        if (expected.problem() != null) {
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, expected.problem());
        }
        List<String> withData = expected.filesWithData(dialect);
        if (!withData.isEmpty()) {
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, String.join(", ", withData) + " insert(s) or change(s)"
                    + " rows, and a baseline carries the structure of " + source + " only: the new tenant would miss them."
                    + " Provision with a full replay (without --baseline), or move seed data out of the migrations.");
        }
        if (expected.perTenant(dialect)) {
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, "A migration uses ${tenant} in its DDL, so a copied"
                    + " structure would carry another tenant's name. Provision with a full replay (without --baseline).");
        }
    }
}
