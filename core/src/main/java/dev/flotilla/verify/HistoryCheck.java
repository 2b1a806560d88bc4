package dev.flotilla.verify;

import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The history table tells the truth: the versions this deployment applied are recorded and successful, no
 * row is recorded as failed, and every applied file still has the checksum it was applied with.
 */
final class HistoryCheck implements Check {
    @Override
    public String id() {
        return "history";
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        if (context.dryRun()) {
            return CheckResult.skipped(id(), "a dry run records no history: the history check runs after a deployment's"
                    + " migrations and with flotilla verify");
        }
        if (context.migrations() == null) {
            return CheckResult.skipped(id(), "no migration files to compare the history with");
        }
        HistoryTable table = new HistoryTable(context.dialect(), context.connection(), context.schema(), context.historyTable());
        List<AppliedMigration> rows = table.read();
        Map<String, Migration> files = context.migrations().versioned().stream()
                .collect(Collectors.toMap(m -> m.version().toString(), Function.identity(), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (AppliedMigration row : latestOfEach(rows)) {
            String name = row.version() != null ? "version " + row.version() : row.script();
            if (!row.success()) {
                problems.add(name + " is recorded as failed" + (row.failedStatement() == null ? "" : " at statement " + row.failedStatement()));
            }
            // Only a migration's own run carries the file's checksum: an undo row carries its down file's.
            Migration file = row.version() == null || row.kind() != MigrationKind.VERSIONED ? null : files.get(row.version());
            if (file != null && row.checksum() != null && !file.hasChecksum(row.checksum())) {
                problems.add(name + ": the recorded checksum differs from " + context.migrations().recorded(file.script())
                        + " (edited after it was applied)");
            }
        }
        for (String version : context.appliedNow()) {
            boolean recorded = rows.stream().anyMatch(r -> version.equals(r.version()) && r.success());
            if (!recorded) {
                problems.add("version " + version + " was applied but is not recorded as successful");
            }
        }
        return CheckResult.of(id(), rows.size() + " history row(s) successful with matching checksums", problems);
    }

    /**
     * What the history says now, as the planner reads it: the last row of each version and of each repeatable.
     * An earlier run of a version that was rolled back, or failed and was repaired, is superseded by what came after.
     */
    private static Collection<AppliedMigration> latestOfEach(List<AppliedMigration> rows) {
        Map<String, AppliedMigration> latest = new LinkedHashMap<>();
        for (AppliedMigration row : rows) {
            latest.put(row.version() != null ? "V" + MigrationVersion.parse(row.version()) : "R" + row.description(), row);
        }
        return latest.values();
    }
}
