package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.scratch.ScratchClone;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import java.util.List;
import java.util.Optional;

/**
 * Where a dry run of these scripts on this target can run: the mode asked for, or for {@code auto} a rolled-back
 * transaction where the dialect and every statement allow one or nothing is to run, otherwise a scratch clone; none,
 * with the reason added to the run's problems, where neither can hold it.
 */
final class DryRunModeChoice {
    private DryRunModeChoice() {
    }

    /** The mode the dry run uses, or null with a NOT_SUPPORTED_YET problem added to {@code run}. */
    static DryRunMode choose(TargetSession session, DryRunMode asked, List<PreparedScript> scripts, TargetRun run) {
        if (scripts.isEmpty() && asked == DryRunMode.AUTO) {
            // Nothing to run (a tenant past a chosen version): a transaction that holds nothing says so on any dialect,
            // where a scratch copy of the whole schema would be made and dropped only to find no changes.
            return DryRunMode.TRANSACTION;
        }
        String dialect = session.dialect().name();
        Optional<String> refusing = scripts.stream().flatMap(s -> s.firstNonTransactional()
                .map(st -> where(s, st) + " cannot run inside a transaction").stream()).findFirst()
                .or(() -> usableOnlyAfterCommit(session, scripts));
        boolean cloneable = ScratchClone.supports(dialect);
        String problem = switch (asked) {
            case TRANSACTION -> !session.dialect().transactionalDdl()
                    ? dialect + " commits DDL by itself, so a transaction cannot undo a migration there; dry-run on a clone"
                      + " (--mode clone, the default for " + dialect + ")."
                    : refusing.map(w -> w + "; dry-run on a clone (--mode clone).").orElse(null);
            case CLONE -> cloneable ? null : "A dry run on a scratch clone is not supported yet on " + dialect
                    + "; use --mode transaction.";
            case AUTO -> session.dialect().transactionalDdl() || cloneable ? (refusing.isPresent() && !cloneable
                    ? refusing.get() + ", and a dry run on a clone is not supported yet on "
                      + dialect + ". Try the migration on a copy of the database file instead." : null)
                    : "A dry run is not supported yet on " + dialect + ".";
        };
        if (problem != null) {
            run.problems.add(new Problem(ErrorCode.NOT_SUPPORTED_YET, problem, null));
            return null;
        }
        if (asked != DryRunMode.AUTO) {
            return asked;
        }
        return session.dialect().transactionalDdl() && refusing.isEmpty() ? DryRunMode.TRANSACTION : DryRunMode.CLONE;
    }

    /**
     * A statement of a script followed by others that makes what they may use usable only once it commits (an enum
     * value added on PostgreSQL 12+): the deploy commits each migration, but one transaction around them all would fail
     * them (55P04). Said as the reason one transaction cannot hold the dry run.
     */
    private static Optional<String> usableOnlyAfterCommit(TargetSession session, List<PreparedScript> scripts) {
        for (PreparedScript script : scripts.subList(0, Math.max(0, scripts.size() - 1))) {
            for (SqlStatement statement : script.statements()) {
                if (session.dialect().usableOnlyAfterCommit(statement)) {
                    return Optional.of(where(script, statement) + " adds what the later migrations can use only after it"
                            + " commits, which a dry run in one transaction never does");
                }
            }
        }
        return Optional.empty();
    }

    private static String where(PreparedScript script, SqlStatement statement) {
        return script.shown() + " line " + statement.line() + " (" + StatementByStatement.shortened(statement.sql()) + ")";
    }
}
