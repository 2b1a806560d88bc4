package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.UndoneRepeatables;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.SqlText;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rollback would do beyond its down scripts' statements, told by its dry run before anyone confirms it: the
 * tables the down scripts drop, with the rows they hold now, and the repeatables it would mark to run again.
 *
 * @param droppedTables the tables a down script drops ({@code DROP TABLE}) that exist on the target, in the order dropped
 * @param repeatables the scripts of the repeatable migrations the rollback would mark to run again at the next migrate
 */
public record RollbackForecast(List<DroppedTable> droppedTables, List<String> repeatables) {
    public RollbackForecast {
        droppedTables = List.copyOf(droppedTables);
        repeatables = List.copyOf(repeatables);
    }

    /**
     * A table a down script drops.
     *
     * @param rows the rows it holds now; null when they could not be counted (said in a notice)
     */
    public record DroppedTable(String table, String script, Long rows) {
    }

    /**
     * The tables the down {@code scripts} drop that exist in {@code before} (the target's schema), each counted once,
     * in one query on the target; names qualified with another schema, tables the target does not have, and tables a
     * script rebuilds with their rows ({@link SqlText#rebuilds}) are left out.
     */
    static List<DroppedTable> droppedTables(TargetSession session, SchemaSnapshot before, List<PreparedScript> scripts,
                                            List<Advice> notices) {
        Map<String, SchemaSnapshot.Table> existing = new LinkedHashMap<>();
        before.tables().forEach(t -> existing.putIfAbsent(t.name().toLowerCase(), t));
        Map<String, String> scriptOf = new LinkedHashMap<>();
        List<SchemaSnapshot.Table> dropped = new ArrayList<>();
        SqlText text = session.dialect().text();
        for (PreparedScript script : scripts) {
            List<String> normalized = script.statements().stream().map(s -> text.normalize(s.sql())).toList();
            List<SqlText.Rebuild> rebuilds = text.rebuilds(normalized);
            for (int i = 0; i < normalized.size(); i++) {
                for (String raw : text.droppedTables(normalized.get(i))) {
                    String qualifier = text.qualifier(raw);
                    boolean rowsKept = rebuilds.contains(new SqlText.Rebuild(text.name(raw), i));
                    SchemaSnapshot.Table table = rowsKept ? null : existing.get(text.name(raw));
                    boolean ours = qualifier == null || session.schema() == null || qualifier.equalsIgnoreCase(session.schema());
                    if (ours && table != null && scriptOf.putIfAbsent(table.name(), script.script()) == null) {
                        dropped.add(table);
                    }
                }
            }
        }
        Map<String, Long> rows = Map.of();
        if (!dropped.isEmpty()) {
            try {
                rows = RowCounts.count(session.connection(), session.dialect(), session.schema(),
                        new SchemaSnapshot(before.dialect(), dropped, List.of()), TenantScope.WHOLE_TARGET).byTable();
            } catch (SQLException e) {
                notices.add(Advice.plain("The rows of the tables the down files drop could not be counted: "
                        + Failures.sentence(session.spec().scrub(e.getMessage()))));
            }
        }
        Map<String, Long> counted = rows;
        return dropped.stream().map(t -> new DroppedTable(t.name(), scriptOf.get(t.name()), counted.get(t.name()))).toList();
    }

    /**
     * The repeatables the rollback would mark once the down scripts of {@code undone} are recorded, as it reads them
     * (see {@link UndoneRepeatables}): their undo rows added to the history as the rollback would add them.
     */
    static List<String> repeatables(List<AppliedMigration> history, List<MigrationRun> undone) {
        List<AppliedMigration> after = new ArrayList<>(history);
        int rank = history.stream().mapToInt(AppliedMigration::rank).max().orElse(0);
        for (MigrationRun run : undone) {
            after.add(new AppliedMigration(++rank, run.version(), run.description(), MigrationKind.UNDO, run.script(), null,
                    "dry-run", java.time.Instant.now(), 0, true, null, null));
        }
        return UndoneRepeatables.in(after).stream().map(AppliedMigration::script).toList();
    }
}
