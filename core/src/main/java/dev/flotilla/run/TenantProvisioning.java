package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.Failures;
import dev.flotilla.target.NewTarget;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Provisions a new tenant, all or nothing: creates its schema or database (never an existing one), builds its
 * schema, registers it. By a full replay of every migration, or by a baseline: the structure of a full run
 * (built once per set of files in a scratch target and kept in the control plane) or of a reference tenant,
 * applied in one step, recorded as baselined at its version, later migrations applied normally, and then
 * proven equal to a full replay by fingerprint. A failure drops what was created and registers nothing. In a
 * shared schema the tenant is only registered. For an application provisioning on sign-up: one instance per
 * fleet, thread-safe as long as each call provisions a different tenant.
 */
public final class TenantProvisioning {
    private final ControlPlane plane;
    private final Tenancy tenancy;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final String actor;

    /** How the new tenant's schema is built. */
    public enum Mode { REPLAY, BASELINE }

    /**
     * @param reference with {@link Mode#BASELINE}, the tenant whose structure to copy; null for a baseline built
     *     from a scratch run of every migration
     */
    public record Request(Tenant tenant, Mode mode, TenantId reference) {
        public Request {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * What was done.
     *
     * @param baselineVersion null for a replay
     * @param applied the versions run as migrations (for a baseline: those after its version)
     */
    public record Result(TenantId tenant, String target, String how, String baselineVersion, List<String> applied,
                         String version, String fingerprint, long millis) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    public TenantProvisioning(ControlPlane plane, Tenancy tenancy, TargetOptions template, LoadedMigrations migrations,
                              String actor) {
        this.plane = plane;
        this.tenancy = tenancy;
        this.template = template;
        this.migrations = migrations;
        this.actor = actor;
    }

    public Result create(Request request) {
        long start = System.nanoTime();
        Tenant tenant = tenancy.registering(request.tenant());
        if (plane.tenants().find(tenant.id()).isPresent()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Tenant " + tenant.id() + " is registered already.");
        }
        TenantTarget target = TenantTarget.of(tenant, tenancy);
        if (tenancy.model() == TenancyModel.SHARED_SCHEMA) {
            // The shared schema's history is not read here: its baseline stays unknown until a plan reads it.
            register(tenant, "registered in the shared schema", null, null);
            return new Result(tenant.id(), target.target().displayName(), "registered in the shared schema", null, List.of(),
                    null, null, millisSince(start));
        }
        TargetOptions options = template.forTarget(target.target(), tenant.id().value());
        try (NewTarget created = NewTarget.create(target.target())) {
            Built built = request.mode() == Mode.REPLAY ? replay(options) : new BaselineBuild(plane, template, migrations)
                    .apply(options, target, request.reference() == null ? null : referenceOf(request.reference()));
            String fingerprint = request.mode() == Mode.REPLAY ? rememberAsReference(target) : prove(target, created);
            String version = new TargetRunner(options, migrations).plan().appliedNewestFirst().stream().findFirst()
                    .map(s -> s.version()).orElse(null);
            // Built by a baseline, every version up to it is baselined and none below it ran; by a replay, none is.
            register(tenant, built.how(), version, built.baselineVersion() == null ? dev.flotilla.plan.Baselined.NONE.column()
                    : dev.flotilla.plan.Baselined.of(List.of(built.baselineVersion()), List.of()).column());
            created.keep();
            return new Result(tenant.id(), target.target().displayName(), built.how(), built.baselineVersion(), built.applied(),
                    version, fingerprint, millisSince(start));
        } catch (FlotillaException e) {
            throw e.getMessage().contains("Nothing was kept") ? e : new FlotillaException(e.code(), "Provisioning " + tenant.id()
                    + " failed, and nothing was kept: " + e.getMessage());
        }
    }

    private Built replay(TargetOptions options) {
        RunReport report = new TargetRunner(options, migrations).migrate();
        if (!report.ok()) {
            throw new FlotillaException(report.problems().get(0).code(), report.problems().get(0).message());
        }
        return new Built("replayed " + report.applied().size() + " migration(s)", null,
                report.applied().stream().map(MigrationRun::version).filter(Objects::nonNull).toList());
    }

    /** A baseline must build what a full replay builds: the drift check's expected schema says what that is. */
    private String prove(TenantTarget target, NewTarget created) {
        TenantDrift proof = new FleetDrift(template, migrations, 1, 1, plane.drift()).check(List.of(target)).tenants().get(0);
        if (proof.status() != TenantDrift.Status.CLEAN) {
            throw new FlotillaException(ErrorCode.CHECK_FAILED, "The schema built for " + target.tenant().id() + " is not the one"
                    + " a full replay builds (" + proof.status().word() + ": " + proof.outcome() + "). Nothing was kept: the "
                    + created.what() + " was dropped.");
        }
        return proof.fingerprint();
    }

    /** A tenant just built by a full replay is what its history should build: its fingerprint serves drift checks. */
    private String rememberAsReference(TenantTarget target) {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            // As any read of a tenant's schema: a table another session holds (an application that found the new
            // schema already) stops it after the lock timeout instead of keeping the provisioning waiting.
            session.dialect().applyTimeoutsUntilClosed(session.connection(), template.lockTimeout(), null);
            String fingerprint = SnapshotReader.of(session).fingerprint();
            ExpectedSchema expected = ExpectedSchema.of(migrations, session.history().read(), session.dialect(),
                    target.tenant().id().value(), target.target().displayName(),
                    PendingScripts.placeholderValues(template.forTarget(target.target(), target.tenant().id().value()),
                            session.schema()));
            if (expected.key() != null) {
                plane.drift().remember(expected.key(), session.dialect().name(), fingerprint);
            }
            return fingerprint;
        } catch (SQLException e) {
            throw Failures.of(target.target(), "reading the new schema of", e, false);
        }
    }

    private TenantTarget referenceOf(TenantId reference) {
        Tenant tenant = plane.tenants().find(reference).orElseThrow(() -> new FlotillaException(ErrorCode.TENANT_NOT_FOUND,
                "The reference tenant " + reference + " is not registered.")).tenant();
        return TenantTarget.of(tenant, tenancy);
    }

    /** @param baseline what its history records as baselined ({@link dev.flotilla.plan.Baselined#column}), null: not known */
    private void register(Tenant tenant, String how, String version, String baseline) {
        plane.together("registering " + tenant.id(), () -> {
            plane.tenants().add(tenant);
            plane.tenants().updateState(tenant.id(), "up-to-date", version, 0, null, null);
            plane.tenants().updateBaseline(tenant.id(), baseline);
        });
        plane.audit().record(actor, "tenant.create", tenant.id().value(), null, how);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** How the schema was built, the version a baseline stood at, the versions migrated. */
    record Built(String how, String baselineVersion, List<String> applied) {
        Built {
            applied = List.copyOf(applied);
        }
    }
}
