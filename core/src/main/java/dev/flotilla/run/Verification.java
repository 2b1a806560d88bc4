package dev.flotilla.run;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.SharedResults;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import dev.flotilla.verify.VerifyOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the checks on an open target session, or on a dry run's transaction or clone. */
final class Verification {
    private Verification() {
    }

    static List<CheckResult> onTarget(TargetSession session, VerifyOptions options, TenantScope scope, RowCounts before,
                                      LoadedMigrations migrations, List<String> appliedNow, SchemaDiff expected)
            throws SQLException {
        return Verifier.run(context(session, options, scope, before, migrations, appliedNow, expected));
    }

    /**
     * On a target {@code tenants} share (shared-schema tenancy): the checks reading rows on each tenant's own, the others
     * once for all of them ({@link Verifier#runShared}).
     *
     * @param before the counts from before the deployment; null outside one
     */
    static SharedResults onSharedTarget(TargetSession session, VerifyOptions options, List<TenantId> tenants, RowsBefore before,
                                        LoadedMigrations migrations, List<String> appliedNow, SchemaDiff expected)
            throws SQLException {
        TenantScope shared = TenantScope.sharedTables(options.sharedTenantColumn());
        return Verifier.runShared(context(session, options, shared, before == null ? null : before.target(), migrations,
                appliedNow, expected), countsOf(tenants, before));
    }

    private static CheckContext context(TargetSession session, VerifyOptions options, TenantScope scope, RowCounts before,
                                        LoadedMigrations migrations, List<String> appliedNow, SchemaDiff expected)
            throws SQLException {
        return new CheckContext(session.connection(), session.dialect(), session.schema(), session.spec().historyTable(),
                SnapshotReader.of(session), options, scope, before, migrations, appliedNow, expected,
                TargetPlan.versionInEffect(session.history().read()));
    }

    /**
     * Inside a dry run, on {@code connection} (the target's transaction, or a clone's) in {@code schema}, named after
     * {@code session}'s target: the whole target's checks, or, where {@code tenants} share it, each tenant's on its own
     * rows and the others once ({@link Verifier#runShared}).
     *
     * @param tenants the tenants sharing the target; empty where the target is one tenant's
     * @param before the rows counted before the migrations ran, null for none to compare with
     * @param version the newest version in effect there, which decides the checks that apply yet; null for none
     * @param tenant the target's tenant where it is one tenant's, what {@code ${tenant}} of a custom check stands for
     */
    static SharedResults inDryRun(Connection connection, TargetSession session, String schema, SchemaSnapshot snapshot,
                                  VerifyOptions options, List<TenantId> tenants, RowsBefore before, String version,
                                  String tenant) {
        boolean shared = !tenants.isEmpty() && options.sharedTenantColumn() != null;
        TenantScope scope = shared ? TenantScope.sharedTables(options.sharedTenantColumn()) : TenantScope.wholeTargetOf(tenant);
        CheckContext context = new CheckContext(connection, session.dialect(), schema, session.spec().historyTable(), snapshot,
                options, scope, before == null ? null : before.target(), null, List.of(), null, version, true);
        return shared ? Verifier.runShared(context, countsOf(tenants, before))
                : new SharedResults(Verifier.run(context), Map.of());
    }

    /** Each tenant's rows counted before, by its id; null counts where there are none. */
    private static Map<String, RowCounts> countsOf(List<TenantId> tenants, RowsBefore before) {
        Map<String, RowCounts> counts = new LinkedHashMap<>();
        tenants.forEach(t -> counts.put(t.value(), before == null ? null : before.byTenant().get(t)));
        return counts;
    }

    /**
     * The newest version in effect once {@code scripts} ran over {@code history}: a dry run's checks see its
     * pending migrations applied, or the migrations of a rollback undone. Null when none is.
     */
    static String versionAfter(List<AppliedMigration> history, List<PreparedScript> scripts) {
        Set<MigrationVersion> versions = new HashSet<>();
        TargetPlan.of(new LoadedMigrations(List.of(), List.of()), history, "").appliedNewestFirst()
                .forEach(s -> versions.add(MigrationVersion.parse(s.version())));
        for (PreparedScript script : scripts) {
            if (script.kind() == MigrationKind.VERSIONED) {
                versions.add(MigrationVersion.parse(script.version()));
            } else if (script.kind() == MigrationKind.UNDO) {
                versions.remove(MigrationVersion.parse(script.version()));
            }
        }
        return versions.stream().max(Comparator.naturalOrder()).map(MigrationVersion::toString).orElse(null);
    }
}
