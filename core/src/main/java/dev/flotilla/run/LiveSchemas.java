package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.ServerHistories;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what targets have now, their history and their schema. Schemas of one PostgreSQL database (the
 * schema-per-tenant fleet) are read together, in the catalog queries of one schema plus one history query per
 * 500 schemas; every other target on its own, in parallel within the limits.
 */
final class LiveSchemas {
    /** One target's history and schema, or why they could not be read. */
    record Live(List<AppliedMigration> history, SchemaSnapshot snapshot, String error, ErrorCode code) {
    }

    private LiveSchemas() {
    }

    /**
     * @param lockTimeout how long a read waits for a table another session holds (a SQLite file being written); a
     *     group whose read gives up is read a target at a time, so that only the tenant held is said locked
     */
    static Map<String, Live> read(List<TenantTarget> targets, String historyTable, int concurrency, int perServer,
                                  Duration lockTimeout) {
        SchemaGroups groups = SchemaGroups.of(targets);
        List<TenantTarget> alone = new ArrayList<>(groups.alone);
        Map<String, Live> live = new LinkedHashMap<>();
        for (SchemaGroups.Group group : groups.groups) {
            Map<String, Live> together = readTogether(group, historyTable, lockTimeout);
            if (together == null) {
                alone.addAll(group.targets());
            } else {
                live.putAll(together);
            }
        }
        for (PerTarget.Outcome<Live> outcome : PerTarget.runAsSaid(alone, concurrency, perServer, "reading schemas",
                target -> readAlone(target, lockTimeout))) {
            TenantTarget target = alone.stream().filter(t -> t.tenant().id().equals(outcome.tenant())).findFirst().orElseThrow();
            live.put(target.targetKey(), outcome.value() != null ? outcome.value() : new Live(List.of(), null, outcome.error(),
                    outcome.code()));
        }
        return live;
    }

    /** The group's schemas read together; null when a table another session holds stopped the read. */
    private static Map<String, Live> readTogether(SchemaGroups.Group group, String historyTable, Duration lockTimeout) {
        Map<String, Live> live = new LinkedHashMap<>();
        List<TenantTarget> targets = group.targets();
        TargetSpec first = group.server();
        Dialect dialect = Dialect.forUrl(first.url());
        List<String> schemas = group.schemas();
        try (Connection connection = TargetSession.connectToServer(first)) {
            dialect.applyTimeoutsUntilClosed(connection, lockTimeout, null);
            // A schema not there reads as an empty one, which an empty history expects: clean, unless told apart here.
            java.util.Set<String> existing = dialect.existingSchemas(connection, schemas);
            List<String> present = schemas.stream().filter(existing::contains).toList();
            Map<String, List<AppliedMigration>> histories = ServerHistories.read(dialect, connection, present, historyTable);
            Map<String, SchemaSnapshot> snapshots = SnapshotReader.forDialect(dialect).readAll(connection, present,
                    SnapshotReader.flotillaTables(historyTable));
            for (TenantTarget target : targets) {
                String schema = target.target().schema();
                live.put(target.targetKey(), existing.contains(schema) ? new Live(histories.get(schema), snapshots.get(schema), null, null)
                        : missing("schema"));
            }
        } catch (SQLException | FlotillaException e) {
            if (e instanceof SQLException sql && dialect.isLockTimeout(sql)) {
                return null;
            }
            String error = e instanceof FlotillaException f ? f.getMessage()
                    : first.scrub("Reading the schemas on " + first.displayName() + " failed: " + e.getMessage());
            ErrorCode code = e instanceof FlotillaException f ? f.code() : ErrorCode.CONNECTION_FAILED;
            targets.forEach(t -> live.put(t.targetKey(), new Live(List.of(), null, error, code)));
        }
        return live;
    }

    /** A target whose schema, database or file ({@code noun}) does not exist: it fails, never counts as clean. */
    private static Live missing(String noun) {
        return new Live(List.of(), null, "the " + noun + " does not exist (not deployed yet, or gone): nothing to compare",
                ErrorCode.TARGET_MISSING);
    }

    private static Live readAlone(TenantTarget target, Duration lockTimeout) {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            session.dialect().applyTimeoutsUntilClosed(session.connection(), lockTimeout, null);
            if (!session.schemaExists()) {
                return missing(session.targetNoun());
            }
            return new Live(session.history().read(), SnapshotReader.of(session), null, null);
        } catch (SQLException e) {
            // As plan says it: LOCK_TIMEOUT for a tenant another session holds, not a bare SQL_ERROR.
            FlotillaException failure = Failures.of(target.target(), "reading", e, false);
            return new Live(List.of(), null, failure.getMessage(), failure.code());
        }
    }
}
