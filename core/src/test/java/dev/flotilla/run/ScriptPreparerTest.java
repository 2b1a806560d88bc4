package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's targets share the splits of its files ({@code LoadedMigrations.splits}): each target gets its own text. */
class ScriptPreparerTest {
    private static final Dialect POSTGRES = Dialect.forUrl("jdbc:postgresql:");

    private static Migration file(String sql) {
        return new Migration(MigrationVersion.parse("1"), "m", "V1__m.sql", MigrationKind.VERSIONED, "c1", sql, null);
    }

    private static LoadedMigrations files(Migration... files) {
        return new LoadedMigrations(List.of(files), List.of());
    }

    private static List<String> sql(PreparedScript script) {
        return script.statements().stream().map(SqlStatement::sql).toList();
    }

    @Test
    void a_script_without_placeholders_is_split_once_for_every_target_of_the_files() {
        Migration file = file("CREATE TABLE a (id INT);\nCREATE INDEX i ON a (id);\n");
        LoadedMigrations files = files(file);

        PreparedScript first = new ScriptPreparer(POSTGRES, Map.of("schema", "t1"), files.splits()).up(file);
        PreparedScript second = new ScriptPreparer(Dialect.forUrl("jdbc:postgresql:"), Map.of("schema", "t2"), files.splits())
                .up(file);

        assertThat(second.statements()).as("the first target's statements, not split again").isSameAs(first.statements());
        assertThat(sql(second)).containsExactly("CREATE TABLE a (id INT)", "CREATE INDEX i ON a (id)");
        assertThat(new ScriptPreparer(POSTGRES, Map.of("schema", "t1"), files(file).splits()).up(file).statements())
                .as("other files, split for themselves").isNotSameAs(first.statements()).isEqualTo(first.statements());
    }

    @Test
    void a_lint_disable_line_gives_its_rules_and_a_misspelled_one_is_a_problem_of_its_file_and_line() {
        ScriptPreparer preparer = new ScriptPreparer(POSTGRES, Map.of());

        PreparedScript marked = preparer.up(file("-- flotilla:lint-disable drop-table  an old table\nDROP TABLE a;\n"));
        PreparedScript misspelled = preparer.up(file("-- header\n-- flotilla:lint-disable drop-tables\nDROP TABLE a;\n"));

        assertThat(marked.lintDisabled()).containsExactly("drop-table");
        assertThat(misspelled).isNull();
        assertThat(preparer.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);
            assertThat(problem.advice().text()).contains("V1__m.sql line 2", "unknown lint rule drop-tables", "drop-table");
        });
    }

    @Test
    void each_target_gets_its_own_placeholder_values_in_turn() {
        Migration file = file("CREATE TABLE ${schema}.a (id INT);\nINSERT INTO ${schema}.a VALUES (${n});\n");
        LoadedMigrations files = files(file);

        for (String schema : List.of("t1", "t2", "t1", "t1")) {
            PreparedScript script = new ScriptPreparer(POSTGRES, Map.of("schema", schema, "n", schema.substring(1)),
                    files.splits()).up(file);

            assertThat(sql(script)).as(schema).containsExactly("CREATE TABLE " + schema + ".a (id INT)",
                    "INSERT INTO " + schema + ".a VALUES (" + schema.substring(1) + ")");
        }
    }

    @Test
    void a_value_that_changes_how_the_script_splits_splits_it_so_on_its_target_alone() {
        Migration file = file("INSERT INTO notes VALUES ('${note}');\nSELECT 1;\n");
        LoadedMigrations files = files(file);

        PreparedScript plain = new ScriptPreparer(POSTGRES, Map.of("note", "hello"), files.splits()).up(file);
        PreparedScript twoStatements = new ScriptPreparer(POSTGRES, Map.of("note", "a'); DELETE FROM notes; --"),
                files.splits()).up(file);
        PreparedScript plainAgain = new ScriptPreparer(POSTGRES, Map.of("note", "hello"), files.splits()).up(file);

        assertThat(sql(plain)).containsExactly("INSERT INTO notes VALUES ('hello')", "SELECT 1");
        assertThat(sql(twoStatements)).hasSize(3).element(1).isEqualTo("DELETE FROM notes");
        assertThat(sql(plainAgain)).isEqualTo(sql(plain));
    }

    @Test
    void a_script_split_by_one_dialect_is_split_again_by_another() {
        Migration file = file("SELECT '$$;'; # a comment for MariaDB only;\nSELECT 2;\n");
        LoadedMigrations files = files(file);

        PreparedScript postgres = new ScriptPreparer(POSTGRES, Map.of(), files.splits()).up(file);
        PreparedScript mariaDb = new ScriptPreparer(Dialect.forUrl("jdbc:mariadb:"), Map.of(), files.splits()).up(file);

        assertThat(sql(postgres)).containsExactly("SELECT '$$;'", "# a comment for MariaDB only", "SELECT 2");
        assertThat(sql(mariaDb)).containsExactly("SELECT '$$;'", "SELECT 2");
    }

    @Test
    void a_script_that_cannot_be_split_is_a_problem_on_every_target() {
        Migration file = file("SELECT 'unterminated;\n");
        LoadedMigrations files = files(file);

        for (String target : List.of("t1", "t2")) {
            ScriptPreparer preparer = new ScriptPreparer(POSTGRES, Map.of("schema", target), files.splits());

            assertThat(preparer.up(file)).as(target).isNull();
            assertThat(preparer.problems()).as(target).extracting(Problem::code).containsExactly(ErrorCode.SQL_PARSE_ERROR);
        }
    }
}
