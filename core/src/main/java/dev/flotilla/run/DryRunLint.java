package dev.flotilla.run;

import dev.flotilla.lint.LintContext;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.lint.LintScript;
import dev.flotilla.lint.Linter;
import dev.flotilla.lint.TableFacts;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Lints the pending scripts of a dry run with what the target knows: its tables, their indexes and rows. */
final class DryRunLint {
    private DryRunLint() {
    }

    static List<LintFinding> findings(LintOptions options, TargetSession session, List<PreparedScript> scripts,
                                      SchemaSnapshot schema) {
        List<LintScript> lintScripts = scripts.stream().map(s -> new LintScript(s.script(), s.statements(), s.lintDisabled())).toList();
        return Linter.lint(lintScripts, new LintContext(session.dialect(), options, new TargetFacts(session, schema), true));
    }

    /** Facts read from the target: the snapshot for indexes, a capped count for rows. */
    private record TargetFacts(TargetSession session, SchemaSnapshot schema) implements TableFacts {
        @Override
        public boolean exists(String table) {
            return schema.table(table).isPresent();
        }

        @Override
        public OptionalLong rowsUpTo(String table, long limit) {
            var found = schema.table(table);
            if (found.isEmpty()) {
                return OptionalLong.empty();
            }
            String name = session.dialect().quote(session.schema()) + "." + session.dialect().quote(found.get().name());
            try {
                String count = Jdbc.queryString(session.connection(), "SELECT COUNT(*) FROM (SELECT 1 FROM " + name
                        + " LIMIT " + limit + ") counted");
                return OptionalLong.of(Long.parseLong(count));
            } catch (SQLException e) {
                return OptionalLong.empty();
            }
        }

        @Override
        public List<List<String>> indexedColumns(String table) {
            List<List<String>> columns = new ArrayList<>();
            schema.table(table).ifPresent(t -> {
                if (!t.primaryKey().isEmpty()) {
                    columns.add(t.primaryKey());
                }
                t.indexes().forEach(index -> columns.add(index.columns()));
                t.uniques().forEach(unique -> columns.add(unique.columns()));
            });
            return columns;
        }
    }
}
