package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.SplitScripts;
import dev.flotilla.sql.Dialect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names qualified with a schema (a database on MariaDB): the target's own, or another one's. */
class KeptObjectsSchemaTest {
    private static final Dialect MARIADB = Dialect.forUrl("jdbc:mariadb://h/t_a");
    private static final Dialect POSTGRES = Dialect.forUrl("jdbc:postgresql://h/db");

    private static List<String> kept(Dialect dialect, String schema, String sql) {
        SplitScripts splits = new SplitScripts();
        PreparedScript script = new PreparedScript(MigrationKind.VERSIONED, "4", "m", "V4__m.sql", "V4__m.sql", "c",
                splits.split("V4__m.sql", sql, dialect), Set.of(), "c"::equals);
        List<StatementRun> statements = java.util.stream.IntStream.rangeClosed(1, script.statements().size())
                .mapToObj(i -> new StatementRun(i, i, "-", 1, 0)).toList();
        MigrationRun run = new MigrationRun("4", "m", "V4__m.sql", MigrationKind.VERSIONED, MigrationRun.Outcome.APPLIED,
                false, statements, 3, null, null, null);
        return KeptObjects.of(run, script, splits, dialect, schema).lines();
    }

    @Test
    void a_table_renamed_into_another_database_has_left_this_one() {
        assertThat(kept(MARIADB, "t_a", "RENAME TABLE t TO otherdb.t;")).containsExactly("Dropped: table t");
        assertThat(kept(MARIADB, "t_a", "ALTER TABLE t RENAME TO otherdb.t;")).containsExactly("Dropped: table t");
        assertThat(kept(MARIADB, "t_a", "CREATE TABLE t (id INT);\nRENAME TABLE t TO otherdb.t;")).isEmpty();
        assertThat(kept(MARIADB, "t_a", "RENAME TABLE t TO t_a.t2, u TO T_A.u2;"))
                .as("its own database named").containsExactly("Renamed: table t to t2, table u to u2");
        assertThat(kept(MARIADB, "t_a", "RENAME TABLE otherdb.t TO t;")).as("moved in").containsExactly("Tables created: t");
    }

    @Test
    void an_object_made_in_another_schema_is_said_with_it_and_one_made_in_the_targets_own_without() {
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE archive.x (id int);\nCREATE TABLE t_a.y (id int);\n"
                + "CREATE VIEW archive.v AS SELECT 1;")).containsExactly("Tables created: archive.x, y", "Views created: archive.v");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE archive.x (id int);\nDROP TABLE archive.x;")).isEmpty();
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE x (id int);\nDROP TABLE archive.x;"))
                .containsExactly("Tables created: x", "Dropped: table archive.x");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE t_a.x (id int);\nDROP TABLE x;")).isEmpty();
    }
}
