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

    @Test
    void a_quoted_name_holding_a_dot_is_one_name_not_a_schema_and_its_name() {
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE \"a.b\" (id int);\nCREATE TABLE \"t_a.c\" (id int);"))
                .containsExactly("Tables created: `a.b`, `t_a.c`");
        assertThat(kept(MARIADB, "t_a", "CREATE TABLE `t_a.b` (id INT);\nALTER TABLE `t_a.b` ADD COLUMN `c.d` INT;"))
                .containsExactly("Tables created: `t_a.b`", "Columns added: `t_a.b`.`c.d`");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE \"a.b\" (id int);\nDROP TABLE \"a.b\";")).isEmpty();
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE a.b (id int);\nDROP TABLE \"a.b\";"))
                .containsExactly("Tables created: a.b", "Dropped: table `a.b`");
    }

    @Test
    void what_is_made_on_a_table_in_another_schema_is_said_on_it_and_on_the_targets_own_bare() {
        assertThat(kept(POSTGRES, "t_a", "ALTER TABLE archive.x ADD COLUMN c int;\nALTER TABLE T_A.y ADD COLUMN c int;"))
                .containsExactly("Columns added: archive.x.c, y.c");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE archive.x (id int);\nALTER TABLE archive.x RENAME TO y;"))
                .containsExactly("Tables created: archive.y");
        assertThat(kept(MARIADB, "t_a", "CREATE TABLE archive.x (id INT);\nALTER TABLE archive.x RENAME TO y;"))
                .as("MySQL's unqualified new name is in the default database").containsExactly("Tables created: y");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE archive.x (id int CONSTRAINT k UNIQUE, a int, UNIQUE (a));\n"
                + "CREATE INDEX i ON archive.x (a);\nCREATE INDEX ON archive.x (id);\nCREATE INDEX i ON t_a.z (a);"))
                .as("a name on two tables said with each").containsExactly("Tables created: archive.x",
                        "Indexes added: k, i on archive.x, on archive.x (id), i on z",
                        "Constraints added: k, archive.x: unique (a)");
        assertThat(kept(POSTGRES, "t_a", "CREATE TABLE archive.x (id int);\nALTER TABLE archive.x ADD COLUMN c int;\n"
                + "DROP TABLE archive.x;")).isEmpty();
    }

    @Test
    void an_object_set_into_the_targets_own_schema_arrives_there() {
        assertThat(kept(POSTGRES, "t_a", "ALTER VIEW archive.v SET SCHEMA t_a;")).containsExactly("Views created: v");
        assertThat(kept(POSTGRES, "t_a", "ALTER TABLE archive.x SET SCHEMA T_A;")).containsExactly("Tables created: x");
        assertThat(kept(POSTGRES, "t_a", "ALTER TABLE x SET SCHEMA archive;")).containsExactly("Dropped: table x");
        assertThat(kept(POSTGRES, "t_a", "ALTER VIEW archive.v SET SCHEMA t_a;\nALTER VIEW v RENAME TO w;"))
                .containsExactly("Views created: w");
    }
}
