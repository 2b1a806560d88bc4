package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control plane's own schema: Flotilla's migrations of it (resources next to this class, listed explicitly),
 * whether a plane is up to date with them, and migrating it. Stateless.
 */
final class ControlPlaneSchema {
    static final String HISTORY_TABLE = "flotilla_schema_history";
    /**
     * The zone of the wall-clock times ({@code installed_on}) the plane's own history keeps: UTC, whatever the zone of the
     * process that migrates the plane. Rows an earlier Flotilla wrote are in that process's zone, which no row records;
     * nothing reads their times (only their versions and checksums), so they are left as they are.
     */
    static final java.time.ZoneId HISTORY_ZONE = java.time.ZoneOffset.UTC;
    static final List<String> OWN_MIGRATIONS = List.of("V1__control_plane.sql", "V2__verifications.sql", "V3__rollbacks.sql", "V4__backups.sql",
            "V5__console.sql", "V6__drift.sql", "V7__task_error_codes.sql", "V8__backup_ids.sql", "V9__fingerprint_formats.sql",
            "V10__deployment_heartbeats.sql", "V11__fleet_dry_runs.sql", "V12__dry_run_checksums.sql",
            "V13__deployment_stop.sql", "V14__fleet_dry_run_runners.sql", "V15__tenant_credentials.sql",
            "V16__interrupted_tasks.sql", "V17__task_failure_places.sql", "V18__fleet_dry_run_out_of_order.sql",
            "V19__drift_acceptances.sql", "V20__utc_times.sql", "V21__task_time_zones.sql",
            "V22__api_token_expiry.sql", "V23__dry_run_error_codes.sql", "V24__tenant_record_indexes.sql",
            "V25__fleet_dry_run_sources.sql", "V26__fleet_dry_runs_by_start.sql",
            "V27__tenant_baselines.sql", "V28__dry_run_tenant_times.sql");

    private ControlPlaneSchema() {
    }

    /**
     * Whether every one of Flotilla's own migrations is recorded as applied, unchanged: one read of the history
     * table on the plane's own connection, so that opening an up-to-date plane (every command) takes no lock and
     * no second connection. Anything else, a missing table included, goes through the locked migration.
     */
    static boolean upToDate(TargetSpec spec, Connection connection) {
        try {
            Dialect dialect = Dialect.forUrl(spec.url());
            String schema = dialect.currentSchema(connection);
            if (schema == null || !dialect.tableExists(connection, schema, HISTORY_TABLE)) {
                return false;
            }
            TargetPlan plan = TargetPlan.of(migrations(),
                    new HistoryTable(dialect, connection, schema, HISTORY_TABLE, HISTORY_ZONE).read(), "the control plane");
            return plan.pending(ValidationPolicy.STRICT).isEmpty() && plan.problems(ValidationPolicy.STRICT).isEmpty();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Migrates the plane at {@code spec} with Flotilla's own engine, as any target (under its lock), a server's every
     * request bounded by {@code networkTimeout} as the plane's own are ({@link NoAnswer}), its expiry told as theirs is;
     * BAD_CONFIG when a migration fails. Each migration commits with its history row: one cut off is done again by the
     * next opening.
     */
    static void migrate(TargetSpec spec, Duration networkTimeout) {
        TargetOptions options = new TargetOptions(spec, null, Map.of(), null, null, null, null, ValidationPolicy.STRICT,
                "flotilla");
        RunReport report;
        try {
            report = new TargetRunner(options, migrations(), bounded(networkTimeout)).migrate();
        } catch (FlotillaException e) {
            if (NoAnswer.cause(e)) {
                throw NoAnswer.failure(spec, networkTimeout, "upgrading its schema for this version of Flotilla", e, false);
            }
            throw e;
        }
        if (!report.ok()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "Cannot prepare the control plane at " + spec.displayName()
                    + ": " + report.problems().get(0).message());
        }
    }

    /** Fresh connections, as {@link ConnectionSource#DIRECT} takes them, each bounded by {@code networkTimeout}. */
    private static ConnectionSource bounded(Duration networkTimeout) {
        return new ConnectionSource() {
            @Override
            public Connection take(TargetSpec target, Dialect dialect) throws SQLException {
                return NoAnswer.bounded(target, ConnectionSource.DIRECT.take(target, dialect), networkTimeout);
            }

            @Override
            public void give(TargetSpec target, Connection connection) {
                ConnectionSource.DIRECT.give(target, connection);
            }
        };
    }

    private static LoadedMigrations migrations() {
        List<MigrationLoader.SourceFile> sources = new ArrayList<>();
        for (String name : OWN_MIGRATIONS) {
            try (InputStream in = ControlPlaneSchema.class.getResourceAsStream("migrations/" + name)) {
                sources.add(new MigrationLoader.SourceFile(name, in.readAllBytes()));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("Flotilla's jar lacks its control-plane migration " + name, e);
            }
        }
        return new MigrationLoader(java.util.Set.of()).load("the control plane's migrations", sources);
    }
}
