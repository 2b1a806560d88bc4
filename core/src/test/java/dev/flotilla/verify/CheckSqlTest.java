package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckSqlTest {
    static final Dialect POSTGRES = Dialect.forUrl("jdbc:postgresql://localhost/x");
    static final Dialect MARIADB = Dialect.forUrl("jdbc:mariadb://localhost/x");
    static final Dialect H2 = Dialect.forUrl("jdbc:h2:mem:x");
    static final Dialect SQLITE = Dialect.forUrl("jdbc:sqlite::memory:");

    @Test
    void every_tenant_placeholder_outside_quotes_and_comments_becomes_a_parameter() {
        CheckSql sql = CheckSql.of("SELECT count(*) -- of ${tenant}\n FROM a JOIN b ON b.t = ${tenant} /* ${tenant} */"
                + " WHERE a.t = ${tenant} AND a.note <> '?'", POSTGRES);

        assertThat(sql.text()).isEqualTo("SELECT count(*) -- of ${tenant}\n FROM a JOIN b ON b.t = ? /* ${tenant} */"
                + " WHERE a.t = ? AND a.note <> '?'");
        assertThat(sql.tenantUses()).isEqualTo(2);
        assertThat(sql.quoted()).isFalse();
    }

    @Test
    void a_statement_without_the_placeholder_is_left_as_it_is_and_runs_schema_wide() {
        CheckSql sql = CheckSql.of("SELECT 1 FROM t WHERE data ? 'key' AND x = '${schema}'", POSTGRES);

        assertThat(sql.text()).isEqualTo("SELECT 1 FROM t WHERE data ? 'key' AND x = '${schema}'");
        assertThat(sql.perTenant()).isFalse();
    }

    @Test
    void the_placeholder_inside_a_literal_a_quoted_name_or_a_dollar_quoted_body_is_seen_as_quoted() {
        assertThat(CheckSql.of("SELECT 1 WHERE t = '${tenant}'", POSTGRES).quoted()).isTrue();
        assertThat(CheckSql.of("SELECT 1 WHERE t = 'it''s ${tenant}'", POSTGRES).quoted()).isTrue();
        assertThat(CheckSql.of("SELECT \"${tenant}\" FROM t", POSTGRES).quoted()).isTrue();
        assertThat(CheckSql.of("DO $body$ BEGIN PERFORM ${tenant}; END $body$", POSTGRES).quoted()).isTrue();
        assertThat(CheckSql.of("SELECT `${tenant}` FROM t", MARIADB).quoted()).isTrue();
        CheckSql escaped = CheckSql.of("SELECT 1 WHERE a = 'x\\' y' AND t = ${tenant}", MARIADB);
        assertThat(escaped.quoted()).as("MariaDB's backslash escapes a quote").isFalse();
        assertThat(escaped.tenantUses()).isEqualTo(1);
    }

    @Test
    void on_postgresql_nested_comments_escape_strings_and_dollar_bodies_hide_the_placeholder_as_the_splitter_reads_them() {
        assertThat(CheckSql.of("SELECT 1 /* a /* nested */ ${tenant} */ WHERE t = ${tenant}", POSTGRES).text())
                .as("PostgreSQL's block comments nest").isEqualTo("SELECT 1 /* a /* nested */ ${tenant} */ WHERE t = ?");
        assertThat(CheckSql.of("SELECT 1 WHERE a = E'x\\' AND t = ${tenant}'", POSTGRES).quoted())
                .as("a backslash escapes a quote in PostgreSQL's E'..'").isTrue();
        assertThat(CheckSql.of("SELECT 1 WHERE a = 'x\\' AND t = ${tenant}", POSTGRES).tenantUses())
                .as("but not in a plain string").isEqualTo(1);
        assertThat(CheckSql.of("SELECT a$b$c FROM t WHERE t = ${tenant}", POSTGRES).tenantUses())
                .as("$b$ inside a name opens no body").isEqualTo(1);
        assertThat(CheckSql.of("DO $$ BEGIN PERFORM ${tenant}; END $$", POSTGRES).quoted()).isTrue();
    }

    @Test
    void on_mariadb_hash_comments_and_double_quoted_strings_hide_the_placeholder_and_dash_dash_x_does_not() {
        assertThat(CheckSql.of("SELECT 1 # ${tenant}\nFROM t WHERE t = ${tenant}", MARIADB).text())
                .as("MariaDB's # comment").isEqualTo("SELECT 1 # ${tenant}\nFROM t WHERE t = ?");
        assertThat(CheckSql.of("SELECT 5 --${tenant}", MARIADB).tenantUses()).as("MariaDB's --x is an expression").isEqualTo(1);
        assertThat(CheckSql.of("SELECT 1 WHERE a = \"x\\\" ${tenant}\"", MARIADB).quoted()).as("MariaDB's \"..\" string").isTrue();
    }

    @Test
    void on_h2_and_sqlite_their_own_bodies_comments_and_quoted_names_hide_the_placeholder() {
        assertThat(CheckSql.of("CALL f($$ ${tenant} $$)", H2).quoted()).as("H2's $$ body").isTrue();
        assertThat(CheckSql.of("SELECT 1 // ${tenant}\nWHERE t = ${tenant}", H2).tenantUses()).as("H2's // comment").isEqualTo(1);
        assertThat(CheckSql.of("SELECT `${tenant}` FROM t", SQLITE).quoted()).as("SQLite's backticks").isTrue();
        assertThat(CheckSql.of("SELECT [${tenant}] FROM t", SQLITE).quoted()).as("SQLite's [brackets]").isTrue();
    }

    @Test
    void a_check_file_with_the_placeholder_in_quotes_is_refused_naming_file_and_line() {
        String file = "-- check: own\n-- expect: empty\nSELECT id FROM orders WHERE tenant_id = '${tenant}';\n";

        assertThatThrownBy(() -> CustomChecks.parse("own.sql", file, POSTGRES))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("own.sql:3", "${tenant} is written inside quotes", "write it bare");
                });
    }

    @Test
    void a_check_or_scenario_naming_the_placeholder_runs_per_tenant() {
        List<CustomCheck> checks = CustomChecks.parse("checks.sql", """
                -- check: own
                -- expect: empty
                SELECT id FROM orders WHERE tenant_id = ${tenant} AND total < 0;
                -- check: all
                -- expect: empty
                SELECT id FROM orders WHERE total < -1000;
                """, POSTGRES);
        List<CustomCheck> scenarios = CustomChecks.parse("s.scenario.sql", """
                -- scenario: insert
                SELECT set_config('app.tenant_id', ${tenant}, true);
                INSERT INTO orders (id) VALUES (1);
                """, POSTGRES);

        assertThat(checks).extracting(CustomCheck::perTenant).containsExactly(true, false);
        assertThat(scenarios).extracting(CustomCheck::perTenant).containsExactly(true);
    }
}
