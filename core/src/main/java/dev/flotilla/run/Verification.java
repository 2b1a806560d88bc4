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
        return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(),
                session.spec().historyTable(), SnapshotReader.of(session), options, scope, before, migrations, appliedNow,
                expected, TargetPlan.versionInEffect(session.history().read())));
    }

    /**
     * Inside a dry run, on {@code connection} (the target's transaction, or a clone's) in {@code schema}, named after
     * {@code session}'s target.
     *
     * @param version the newest version in effect there, which decides the checks that apply yet; null for none
     */
    static List<CheckResult> inDryRun(Connection connection, TargetSession session, String schema, SchemaSnapshot snapshot,
                                      VerifyOptions options, RowCounts before, String version) {
        return Verifier.run(new CheckContext(connection, session.dialect(), schema, session.spec().historyTable(), snapshot,
                options, TenantScope.WHOLE_TARGET, before, null, List.of(), null, version, true));
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

    /**
     * {@code row-counts} of each tenant of a shared schema: its rows now against those counted before the deployment
     * ({@code before}, whose scope is the tenant's).
     */
    static Map<TenantId, CheckResult> rowCountsByTenant(TargetSession session, VerifyOptions options,
                                                      Map<TenantId, RowCounts> before) throws SQLException {
        SchemaSnapshot snapshot = SnapshotReader.of(session);
        Map<TenantId, CheckResult> results = new LinkedHashMap<>();
        for (Map.Entry<TenantId, RowCounts> tenant : before.entrySet()) {
            results.put(tenant.getKey(), Verifier.rowCounts(new CheckContext(session.connection(), session.dialect(),
                    session.schema(), session.spec().historyTable(), snapshot, options, tenant.getValue().scope(),
                    tenant.getValue(), null, List.of(), null, null)));
        }
        return results;
    }

    static RowCounts countRows(TargetSession session, TenantScope scope) throws SQLException {
        return RowCounts.count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session), scope);
    }
}
