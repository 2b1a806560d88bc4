package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the server gives a statement that names no engine or collation, as the foreign-key check reads it: the session's
 * default storage engine, a character set's default collation, and what {@code utf8} means (utf8mb3 on MariaDB 10.11).
 */
class ForeignKeyServerDefaultsMariaDbIT extends MariaDbFleetTest {
    /** Each refused by MariaDB 10.11 (errno 150): latin1 alone is latin1_swedish_ci, utf8 is utf8mb3. */
    private static final List<String> REFUSED = List.of(
            "CREATE TABLE a (code VARCHAR(10) CHARACTER SET latin1, FOREIGN KEY (code) REFERENCES codes (code))",
            "CREATE TABLE b (code VARCHAR(10), FOREIGN KEY (code) REFERENCES codes (code)) DEFAULT CHARSET = latin1",
            "CREATE TABLE c (code VARCHAR(10) CHARACTER SET utf8, FOREIGN KEY (code) REFERENCES codes (code))",
            "CREATE TABLE d (name VARCHAR(10) COLLATE utf8_bin, FOREIGN KEY (name) REFERENCES names (name))");

    private TenantTarget tenant(MigrationFolder migrations, String parameters) throws Exception {
        fleet = new Fleet(MariaDbTenants.tenancy("fkd" + TestDatabases.uniqueName().substring(4, 10), parameters),
                migrations.path(), 1);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            Jdbc.execute(c, "CREATE TABLE codes (code VARCHAR(10) COLLATE latin1_bin PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE names (name VARCHAR(10) CHARACTER SET utf8mb3 PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE branches (id BIGINT UNSIGNED PRIMARY KEY) ENGINE = InnoDB");
        }
        return targets.get(0);
    }

    @Test
    void a_character_set_without_collation_takes_its_default_and_utf8_is_utf8mb3_so_their_keys_block_the_tenant()
            throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                String.join(";\n", REFUSED) + ";\n"), "");

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));

        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1:", "a.code is latin1 (latin1_swedish_ci) but codes.code is latin1"
                        + " (latin1_bin): MariaDB refuses it (errno 150"),
                b -> assertThat(b).contains("statement 2:", "b.code is latin1 (latin1_swedish_ci) but codes.code is latin1"
                        + " (latin1_bin)"),
                c -> assertThat(c).contains("statement 3:", "c.code is utf8mb3 (utf8mb3_general_ci) but codes.code is latin1"
                        + " (latin1_bin)"),
                d -> assertThat(d).contains("statement 4:", "d.name is utf8mb3 (utf8mb3_bin) but names.name is utf8mb3"
                        + " (utf8mb3_general_ci)"));
        assertEachRefusedWithErrno150(tenant, REFUSED);
    }

    @Test
    void keys_of_a_character_set_whose_default_collation_is_the_parents_and_of_utf8_to_utf8mb3_deploy() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                "CREATE TABLE e (name VARCHAR(10) CHARACTER SET utf8, FOREIGN KEY (name) REFERENCES names (name));\n"
                        + "CREATE TABLE f (name VARCHAR(10) COLLATE utf8_general_ci REFERENCES names (name));\n"
                        + "CREATE TABLE g (code VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_bin,"
                        + " FOREIGN KEY (code) REFERENCES codes (code)) DEFAULT CHARSET = utf8;\n"), "");

        assertPlannedWithoutProblemsAndDeployed(tenant);
    }

    @Test
    void a_table_created_without_engine_where_the_sessions_default_is_myisam_takes_any_key() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__log.sql",
                "CREATE TABLE log (id INT, branch_id INT, FOREIGN KEY (branch_id) REFERENCES branches (id));\n"),
                "?sessionVariables=default_storage_engine=MyISAM");

        assertPlannedWithoutProblemsAndDeployed(tenant);
        try (Connection c = TestDatabases.connect(tenant.target())) {
            assertThat(Jdbc.queryString(c, "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = 'log'")).isEqualTo("MyISAM");
        }
    }
}
