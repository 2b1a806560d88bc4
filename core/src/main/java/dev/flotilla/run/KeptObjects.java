package dev.flotilla.run;

import dev.flotilla.migration.SplitScripts;
import dev.flotilla.schema.SchemaChanges;
import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * What one migration's run on a target created and dropped, from the statements that ran and stayed: all of an applied
 * one's; of one that failed where each statement commits by itself, those before the failure; none of one rolled back
 * or skipped; each name as the target's schema sees it ({@link DdlObject#inSchema}); netted in the order they ran (a table created then dropped is neither). Each file's statements are read once for the deployment ({@link SplitScripts#objects}): no catalog read
 * and no round trip per tenant.
 */
final class KeptObjects {
    private KeptObjects() {
    }

    static SchemaChanges of(MigrationRun run, PreparedScript script, SplitScripts splits, Dialect dialect, String schema) {
        boolean kept = run.outcome() == MigrationRun.Outcome.APPLIED || run.failed() && !run.transactional();
        if (!kept || run.statements().isEmpty()) {
            return SchemaChanges.NONE;
        }
        List<List<DdlObject>> read = splits.objects(script.script(), script.statements(), dialect);
        List<List<DdlObject>> objects = new ArrayList<>();
        for (StatementRun statement : run.statements()) {
            int at = statement.index() - 1;
            if (at >= 0 && at < read.size()) {
                objects.add(read.get(at).stream().map(object -> object.inSchema(schema)).toList());
            }
        }
        return SchemaChanges.inOrder(objects);
    }
}
