package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deployment on a MariaDB tenant created, as its results list it, against what its database holds after it:
 * MySQL's {@code ALTER TABLE a RENAME TO b, ADD COLUMN c} adds {@code c} to {@code b}, a column's {@code REFERENCES}
 * is a foreign key (a created table's too), a unique key dropped in a later migration is neither index nor constraint, a
 * key dropped keeps the check of its name, a dropped table's triggers go with it.
 */
class CliDeploySchemaChangesMariaDbIT {
    @TempDir
    Path temp;
    final String prefix = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path migrations;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s
                deploy:
                  backup: false
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), TestDatabases.MARIADB_USER),
                StandardCharsets.UTF_8);
        migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE companies (id INT PRIMARY KEY);\n"
                + "CREATE TABLE notes (id INT PRIMARY KEY, code VARCHAR(10));\n");
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + prefix + "_t1");
        assertThat(flotilla("tenants", "add", "t1").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS " + prefix + "_t1");
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void a_renamed_tables_added_column_its_column_references_and_a_unique_key_dropped_again_read_as_the_database_holds_them()
            throws Exception {
        CliRun first = flotilla("deploy", "--all", "--yes");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        Files.writeString(migrations.resolve("V2__memos.sql"), "ALTER TABLE notes RENAME TO memos, ADD COLUMN tag VARCHAR(20),"
                + " ADD INDEX idx_tag (tag), ADD UNIQUE KEY uq_code (code);\n"
                + "ALTER TABLE memos ADD COLUMN company_id INT REFERENCES companies (id);\n");
        Files.writeString(migrations.resolve("V3__codes.sql"), "ALTER TABLE memos DROP INDEX uq_code;\n");

        CliRun deploy = flotilla("--json", "deploy", "--all", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.json().at("/data/tenants/0/schemaChanges").toString()).isEqualTo("{\"columnsAdded\":"
                + "[\"memos.tag\",\"memos.company_id\"],\"indexesAdded\":[\"idx_tag\"],\"constraintsAdded\":"
                + "[\"memos: foreign key (company_id)\"],\"renamed\":[\"table notes to memos\"]}");
        assertThat(held("SELECT column_name FROM information_schema.columns WHERE table_name = 'memos'"
                + " AND column_name IN ('tag', 'company_id') ORDER BY ordinal_position")).containsExactly("tag", "company_id");
        assertThat(held("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_name = 'memos'"
                + " AND index_name <> 'PRIMARY' ORDER BY index_name")).as("the foreign key's own index besides")
                .containsExactly("company_id", "idx_tag");
        assertThat(held("SELECT referenced_table_name FROM information_schema.referential_constraints"
                + " WHERE table_name = 'memos'")).containsExactly("companies");
        CliRun shown = flotilla("deployments", "show", deploy.json().at("/data/deployment").asText(), "--log");
        assertThat(shown.out()).as("each migration's in the log, a named index with its table").contains(
                "    indexes added: idx_tag on memos, uq_code on memos\n", "    dropped: index uq_code on memos\n");
    }

    @Test
    void a_key_dropped_keeps_the_check_of_its_name_a_created_tables_inline_references_is_a_key_and_triggers_go_with_their_table()
            throws Exception {
        Files.writeString(migrations.resolve("V2__checks.sql"), "ALTER TABLE notes ADD KEY x (code), ADD CONSTRAINT x"
                + " CHECK (code <> '');\n"
                + "ALTER TABLE notes DROP KEY x;\n"
                + "CREATE TABLE memos (id INT PRIMARY KEY, company_id INT REFERENCES companies (id));\n"
                + "CREATE TABLE scratch (id INT PRIMARY KEY);\n"
                + "CREATE TRIGGER scratch_touch BEFORE INSERT ON scratch FOR EACH ROW SET NEW.id = NEW.id + 1;\n"
                + "CREATE TRIGGER memos_touch BEFORE INSERT ON memos FOR EACH ROW SET NEW.id = NEW.id + 1;\n"
                + "DROP TABLE scratch;\n");

        CliRun deploy = flotilla("--json", "deploy", "--all", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.json().at("/data/tenants/0/schemaChanges").toString()).isEqualTo("{\"tablesCreated\":[\"companies\","
                + "\"notes\",\"memos\"],\"constraintsAdded\":[\"x\",\"memos: foreign key (company_id)\"],"
                + "\"triggersAdded\":[\"memos_touch\"]}");
        assertThat(held("SELECT constraint_name FROM information_schema.table_constraints WHERE table_name = 'notes'"
                + " AND constraint_type = 'CHECK'")).as("the check stays").containsExactly("x");
        assertThat(held("SELECT index_name FROM information_schema.statistics WHERE table_name = 'notes'"
                + " AND index_name = 'x'")).as("the key is gone").isEmpty();
        assertThat(held("SELECT referenced_table_name FROM information_schema.referential_constraints"
                + " WHERE table_name = 'memos'")).as("MariaDB makes a column's REFERENCES a foreign key").containsExactly("companies");
        assertThat(held("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = '" + prefix + "_t1'"))
                .as("the dropped table's went with it").containsExactly("memos_touch");
    }

    private List<String> held(String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestDatabases.connect(TestDatabases.mariadb(prefix + "_t1"));
             ResultSet rows = connection.createStatement().executeQuery(query.replace("table_name = ",
                     "table_schema = '" + prefix + "_t1' AND table_name = ").replace("referential_constraints WHERE "
                     + "table_schema", "referential_constraints WHERE constraint_schema"))) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
