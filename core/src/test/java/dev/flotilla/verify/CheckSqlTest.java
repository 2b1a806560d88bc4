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
