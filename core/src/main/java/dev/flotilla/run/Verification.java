package dev.flotilla.run;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.TargetSession;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import dev.flotilla.verify.VerifyOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Runs the checks on an open target session, or on a dry run's transaction or clone. */
final class Verification {
    private Verification() {
    }

    static List<CheckResult> onTarget(TargetSession session, VerifyOptions options, TenantScope scope, RowCounts before,
                                      LoadedMigrations migrations, List<String> appliedNow, SchemaDiff expected)
            throws SQLException {
        return on(session.connection(), session, session.schema(), SnapshotReader.of(session), options, scope, before,
                migrations, appliedNow, expected);
    }

    /** On {@code connection} (the target's, or a clone's) in {@code schema}, named after {@code session}'s target. */
    static List<CheckResult> on(Connection connection, TargetSession session, String schema, SchemaSnapshot snapshot,
                                VerifyOptions options, TenantScope scope, RowCounts before, LoadedMigrations migrations,
                                List<String> appliedNow, SchemaDiff expected) {
        return Verifier.run(new CheckContext(connection, session.dialect(), schema, session.spec().historyTable(), snapshot,
                options, scope, before, migrations, appliedNow, expected));
    }

    static RowCounts countRows(TargetSession session, TenantScope scope) throws SQLException {
        return RowCounts.count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session), scope);
    }
}
