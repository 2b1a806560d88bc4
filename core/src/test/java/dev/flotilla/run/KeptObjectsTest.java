package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.SplitScripts;
import dev.flotilla.sql.Dialect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeptObjectsTest {
    private static final String SQL = "CREATE TABLE serial_link_outbox (id INT);\nCREATE TABLE token_spawn_log (id INT);\n"
            + "CREATE INDEX idx_x ON token_spawn_log (id);\n";

    private static PreparedScript prepared(SplitScripts splits, Dialect dialect) {
        return new PreparedScript(MigrationKind.VERSIONED, "4", "serials", "V4__serials.sql", "V4__serials.sql", "c",
                splits.split("V4__serials.sql", SQL, dialect), Set.of(), "c"::equals);
    }

    private static MigrationRun run(MigrationRun.Outcome outcome, boolean transactional, int ran) {
        List<StatementRun> statements = java.util.stream.IntStream.rangeClosed(1, ran)
                .mapToObj(i -> new StatementRun(i, i, "-", 1, 0)).toList();
        return new MigrationRun("4", "serials", "V4__serials.sql", MigrationKind.VERSIONED, outcome, transactional,
                statements, 3, outcome == MigrationRun.Outcome.FAILED ? ran + 1 : null, null, null);
    }

    @Test
    void an_applied_migration_says_all_its_statements_objects_and_a_failed_one_only_those_that_stayed() {
        SplitScripts splits = new SplitScripts();
        Dialect mariadb = Dialect.forUrl("jdbc:mariadb://h/db");
        PreparedScript script = prepared(splits, mariadb);

        assertThat(KeptObjects.of(run(MigrationRun.Outcome.APPLIED, false, 3), script, splits, mariadb, "db").lines())
                .containsExactly("Tables created: serial_link_outbox, token_spawn_log", "Indexes added: idx_x");
        assertThat(KeptObjects.of(run(MigrationRun.Outcome.FAILED, false, 1), script, splits, mariadb, "db").lines())
                .as("each statement committed by itself: the first stays").containsExactly("Tables created: serial_link_outbox");
        Dialect postgres = Dialect.forUrl("jdbc:postgresql://h/db");
        assertThat(KeptObjects.of(run(MigrationRun.Outcome.FAILED, true, 2), prepared(splits, postgres), splits, postgres, "db")
                .isEmpty()).as("rolled back").isTrue();
        assertThat(KeptObjects.of(run(MigrationRun.Outcome.SKIPPED, true, 0), script, splits, mariadb, "db").isEmpty()).isTrue();
    }

    @Test
    void a_files_statements_are_read_once_for_every_tenant_that_runs_the_same_split() {
        SplitScripts splits = new SplitScripts();
        Dialect mariadb = Dialect.forUrl("jdbc:mariadb://h/db");
        PreparedScript first = prepared(splits, mariadb);
        PreparedScript second = prepared(splits, mariadb);

        assertThat(splits.objects("V4__serials.sql", second.statements(), mariadb))
                .isSameAs(splits.objects("V4__serials.sql", first.statements(), mariadb));
    }
}
