package dev.flotilla.schema;

import dev.flotilla.sql.DdlReading;
import dev.flotilla.sql.Dialect;
import java.util.Arrays;

/** What statements that ran come to, as a task's migration lists them: the readings the schema-change tests share. */
final class StatementsRan {
    static final DdlReading POSTGRES = DdlReading.of(Dialect.forUrl("jdbc:postgresql://h/db"));
    static final DdlReading MARIADB = DdlReading.of(Dialect.forUrl("jdbc:mariadb://h/db"));

    private StatementsRan() {
    }

    /** As a deployment reads them: each name as the target's schema, {@code app}, sees it ({@code DdlObject#inSchema}). */
    static SchemaChanges ran(DdlReading reading, String... statements) {
        return SchemaChanges.inOrder(Arrays.stream(statements)
                .map(sql -> reading.of(sql).stream().map(object -> object.inSchema("app")).toList()).toList());
    }
}
