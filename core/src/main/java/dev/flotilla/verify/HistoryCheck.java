package dev.flotilla.verify;

import dev.flotilla.migration.Migration;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        if (context.migrations() == null) {
            return CheckResult.skipped(id(), "no migration files to compare the history with");
        }
        HistoryTable table = new HistoryTable(context.dialect(), context.connection(), context.schema(), context.historyTable());
        List<AppliedMigration> rows = table.read();
        Map<String, Migration> files = context.migrations().versioned().stream()
                .collect(Collectors.toMap(m -> m.version().toString(), Function.identity(), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (AppliedMigration row : rows) {
            String name = row.version() != null ? "version " + row.version() : row.script();
            if (!row.success()) {
                problems.add(name + " is recorded as failed" + (row.failedStatement() == null ? "" : " at statement " + row.failedStatement()));
            }
            Migration file = row.version() == null ? null : files.get(row.version());
            if (file != null && row.checksum() != null && !Objects.equals(file.checksum(), row.checksum())) {
                problems.add(name + ": the recorded checksum differs from " + file.script() + " (edited after it was applied)");
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
}
