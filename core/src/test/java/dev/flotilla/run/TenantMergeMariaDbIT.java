package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge guard on a MariaDB database named by its URL (no schema of the target's own): a table the down file
 * qualifies with that database, in backquotes with a space, is the target's.
 */
class TenantMergeMariaDbIT {
    @TempDir
    Path temp;
    final String database = TestDatabases.uniqueName();

    @AfterEach
    void drop() {
        TestDatabases.drop(TestDatabases.mariadb(database));
    }

    @Test
    void a_backquoted_table_qualified_with_the_database_of_the_url_is_found() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE `order items` (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO `order items` VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\nALTER TABLE `" + database + "`.`order items` DROP COLUMN `tenant_id`;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("order items", 2L));
    }

    @Test
    void a_table_renamed_with_rename_table_then_losing_the_column_under_its_new_name_is_found() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\nRENAME TABLE orders TO old_orders;\n"
                        + "ALTER TABLE old_orders DROP COLUMN tenant_id;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }
}
