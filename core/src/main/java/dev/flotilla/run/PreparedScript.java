package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Optional;

/** A migration or down script ready to run on one target: placeholders replaced, split into statements. */
record PreparedScript(MigrationKind kind, String version, String description, String script, String checksum,
                      List<SqlStatement> statements) {
    PreparedScript {
        statements = List.copyOf(statements);
    }

    /** The first statement the database refuses to run inside a transaction, if any. */
    Optional<SqlStatement> firstNonTransactional() {
        return statements.stream().filter(s -> !s.transactional()).findFirst();
    }

    boolean transactional() {
        return firstNonTransactional().isEmpty();
    }
}
