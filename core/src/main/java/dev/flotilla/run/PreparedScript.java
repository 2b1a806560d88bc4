package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A migration or down script ready to run on one target: placeholders replaced, split into statements.
 *
 * @param shown how messages name the file: its path when the files come from several folders, else {@code script}
 * @param lintDisabled the lint rules the file switches off for itself ({@code -- flotilla:lint-disable})
 * @param ranAs whether a history row's recorded checksum is this script's: {@link #checksum}, or for a repeatable
 *              adopted from Flyway, Flyway's after the target's placeholders are replaced (Migration.hasChecksum)
 */
record PreparedScript(MigrationKind kind, String version, String description, String script, String shown,
                      String checksum, List<SqlStatement> statements, Set<String> lintDisabled, Predicate<String> ranAs) {
    PreparedScript {
        statements = List.copyOf(statements);
        lintDisabled = Set.copyOf(lintDisabled);
    }

    /** Whether a history row recorded with {@code recorded} ran this very script. */
    boolean hasChecksum(String recorded) {
        return ranAs.test(recorded);
    }

    /** The first statement the database refuses to run inside a transaction, if any. */
    Optional<SqlStatement> firstNonTransactional() {
        // A loop, not a stream: asked for every script of every tenant, often twice.
        for (SqlStatement statement : statements) {
            if (!statement.transactional()) {
                return Optional.of(statement);
            }
        }
        return Optional.empty();
    }

    boolean transactional() {
        return firstNonTransactional().isEmpty();
    }
}
