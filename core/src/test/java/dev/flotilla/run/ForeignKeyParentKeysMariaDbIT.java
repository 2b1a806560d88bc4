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
 * MariaDB's errno 150 for what the parent lacks: an index starting with the referenced columns (a prefix index does not
 * count), the key column's character set and collation; and a MyISAM child, which takes any key.
 */
class ForeignKeyParentKeysMariaDbIT extends MariaDbFleetTest {
    /** Each refused by MariaDB 10.11 (errno 150), the database's default being utf8mb4. */
    private static final List<String> REFUSED = List.of(
            "CREATE TABLE a (code VARCHAR(10), FOREIGN KEY (code) REFERENCES codes (code))",
            "CREATE TABLE b (code VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci,"
                    + " FOREIGN KEY (code) REFERENCES codes (code))",
            "CREATE TABLE c (city INT, FOREIGN KEY (city) REFERENCES codes (city))",
            "CREATE TABLE d (name VARCHAR(20) CHARACTER SET latin1, FOREIGN KEY (name) REFERENCES codes (name))",
            "CREATE TABLE e (code TEXT CHARACTER SET latin1 COLLATE latin1_bin, FOREIGN KEY (code) REFERENCES codes (code))");


    private TenantTarget tenant(MigrationFolder migrations) throws Exception {
        fleet = new Fleet(MariaDbTenants.tenancy("fkk" + TestDatabases.uniqueName().substring(4, 10)), migrations.path(), 1);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            Jdbc.execute(c, "CREATE TABLE codes (code VARCHAR(10) COLLATE latin1_bin PRIMARY KEY, name VARCHAR(20),"
                    + " region INT, city INT, KEY (region, city), KEY (name(5))) DEFAULT CHARSET = latin1");
            Jdbc.execute(c, "CREATE TABLE branches (id BIGINT UNSIGNED PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE old_log (id INT, branch_id INT) ENGINE = MyISAM");
        }
        return targets.get(0);
    }

    @Test
    void a_key_no_index_of_the_parent_starts_with_or_of_another_collation_or_a_text_key_blocks_the_tenant() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                String.join(";\n", REFUSED) + ";\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));

        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1: its foreign key a (code) -> codes (code)", "a.code is utf8mb4"
                        + " (utf8mb4_general_ci) but codes.code is latin1 (latin1_bin): MariaDB refuses it (errno 150",
                        "Declare code varchar(10) CHARACTER SET latin1 COLLATE latin1_bin to match codes.code"),
                b -> assertThat(b).contains("statement 2:", "b.code is latin1 (latin1_swedish_ci) but codes.code is latin1"
                        + " (latin1_bin)"),
                c -> assertThat(c).contains("statement 3:", "no index of codes starts with city (in that order; a prefix"
                        + " index does not count): MariaDB refuses it (errno 150", "Add an index on codes (city) first"),
                d -> assertThat(d).contains("statement 4:", "no index of codes starts with name"),
                e -> assertThat(e).contains("statement 5:", "e.code is text but codes.code is varchar(10): MariaDB refuses"));
        assertEachRefusedWithErrno150(tenant, REFUSED);
    }

    @Test
    void keys_to_leading_columns_of_one_collation_to_indexes_added_before_and_from_a_myisam_table_deploy() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                "CREATE TABLE f (region INT, FOREIGN KEY (region) REFERENCES codes (region));\n"
                        + "CREATE TABLE g (code VARCHAR(4) CHARACTER SET latin1 COLLATE latin1_bin REFERENCES codes (code));\n"
                        + "CREATE TABLE h (code VARCHAR(10), FOREIGN KEY (code) REFERENCES codes (code))"
                        + " DEFAULT CHARSET = latin1 COLLATE = latin1_bin;\n"
                        + "ALTER TABLE old_log ADD FOREIGN KEY (branch_id) REFERENCES branches (id);\n"
                        + "CREATE TABLE parents (id INT, k INT, n VARCHAR(9));\n"
                        + "ALTER TABLE parents ADD INDEX (k), ADD UNIQUE (n, k);\n"
                        + "CREATE INDEX pid ON parents (id);\n"
                        + "CREATE TABLE kids (k INT, n VARCHAR(9), id INT, FOREIGN KEY (k) REFERENCES parents (k),\n"
                        + "  FOREIGN KEY (n) REFERENCES parents (n), FOREIGN KEY (id) REFERENCES parents (id));\n"));

        assertPlannedWithoutProblemsAndDeployed(tenant);
    }

    @Test
    void a_column_a_pending_statement_gives_the_parent_takes_its_tables_collation() throws Exception {
        String key = "CREATE TABLE t (tag VARCHAR(5) CHARACTER SET utf8mb4, FOREIGN KEY (tag) REFERENCES codes (tag))";
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__tags.sql",
                "ALTER TABLE codes ADD COLUMN tag VARCHAR(5), ADD UNIQUE (tag);\n" + key + ";\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));

        assertThat(plans.get(0).problems()).extracting(Problem::message).singleElement().asString().contains("statement 2:",
                "t.tag is utf8mb4 (utf8mb4_general_ci) but codes.tag is latin1 (latin1_swedish_ci)");
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "ALTER TABLE codes ADD COLUMN tag VARCHAR(5), ADD UNIQUE (tag)");
        }
        assertEachRefusedWithErrno150(tenant, List.of(key));
    }
}
