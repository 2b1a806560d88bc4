package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ClientOptionFiles;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MariaDB's client programs (mariadb-dump, mariadb) log in as the tenant's own user, with the password Flotilla hands
 * them in an option file: they must get the password JDBC gets, and a restore they cannot log in for changes nothing.
 */
class BackupMariaDbLoginIT extends BackupLoginSetup {
    private final String user = TestDatabases.uniqueName();

    BackupMariaDbLoginIT() {
        super(TestDatabases.mariadb(TestDatabases.uniqueName()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection connection = TestDatabases.connect(admin)) {
            for (String host : new String[] {"%", "localhost"}) {
                Jdbc.execute(connection, "DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
        TestDatabases.drop(admin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bs\\Secret\\n9", "q\"uo'te # no comment; x", " spaced \\\" out\\ ", "line\nbreak\ttab\\"})
    void a_password_with_backslashes_quotes_hashes_spaces_and_line_breaks_backs_up_and_restores(String password)
            throws Exception {
        TargetSpec tenant = tenantUser(password, "");
        BackupRecord backup = backups.take(TenantId.of("acme"), tenant, "d1").orElseThrow();
        sql("DROP TABLE notes");

        backups.restore(backup, tenant);

        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
    }

    @Test
    void a_tenant_whose_url_names_its_user_is_backed_up_and_restored_as_that_user_as_its_connection_is() throws Exception {
        TargetSpec own = tenantUser("url-User-7", "");
        // The configuration's user (tenancy.user) names another user; Connector/J logs in as the URL's user=.
        TargetSpec tenant = new TargetSpec(own.url() + "?user=" + user, "flt_not_this_user", own.password(), own.schema(), null);
        BackupRecord backup = backups.take(TenantId.of("acme"), tenant, "d1").orElseThrow();
        sql("DROP TABLE notes");

        backups.restore(backup, tenant);

        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
    }

    @Test
    void a_client_password_in_the_users_own_my_cnf_does_not_override_the_one_flotilla_hands_its_clients() throws Exception {
        TargetSpec tenant = tenantUser("right-Secret-7", "");
        Path home = java.nio.file.Files.createDirectories(temp.resolve("home"));
        java.nio.file.Files.writeString(home.resolve(".my.cnf"), "[client]\npassword=wrong-Secret-8\n[mysqldump]\npassword=wrong\n");
        Path options = ClientOptionFiles.create();
        try {
            List<String> arguments = new ArrayList<>(ClientConnection.mariadbArguments(tenant, options));
            arguments.addAll(List.of("--batch", "--skip-column-names", "--execute=SELECT CURRENT_USER()", admin.schema()));
            String client = ExternalTool.firstOnPath("mariadb", "mysql");

            String user = new ExternalTool(client, "mariadb-client").run(arguments, Map.of("HOME", home.toString()), null, null,
                    Duration.ofMinutes(1), tenant, ErrorCode.BACKUP_FAILED, "Logging in to");

            assertThat(user).startsWith(this.user + "@");
        } finally {
            java.nio.file.Files.deleteIfExists(options);
        }
    }

    @Test
    void a_restore_whose_client_cannot_log_in_drops_nothing_and_says_so() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), admin, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        // Flotilla's own session is the one connection this user may have: mariadb is refused, JDBC is not.
        TargetSpec limited = tenantUser("limited-Secret-5", " WITH MAX_USER_CONNECTIONS 1");

        assertThatThrownBy(() -> backups.restore(backup, limited)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED))
                .hasMessageContainingAll("Restoring " + limited.displayName(), "max_user_connections", "could not log in",
                        "Nothing was dropped", "restore again")
                .hasMessageNotContaining("limited-Secret-5");

        assertThat(query("SELECT COUNT(*) FROM notes")).as("the tenant's tables, untouched").isEqualTo("3");
    }

    @Test
    void a_client_failing_part_way_through_the_file_is_reported_with_what_the_database_holds_now() throws Exception {
        Path dump = temp.resolve("broken.sql");
        java.nio.file.Files.writeString(dump, "CREATE TABLE loaded_first (id INTEGER);\nTHIS IS NOT SQL;\n"
                + "CREATE TABLE never_loaded (id INTEGER);\n");

        try (TargetSession session = TargetSession.open(admin, true)) {
            assertThatThrownBy(() -> new MariaDbBackupTool(null).restore(session, dump))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED))
                    .hasMessageContainingAll("had been dropped and recreated empty", "1 table(s) (loaded_first)",
                            "none of what it held before the restore", "restore again from " + dump);
        }
    }

    /** A user of the tenant's database with {@code password}, created on every host the tests connect from. */
    private TargetSpec tenantUser(String password, String options) throws SQLException {
        String literal = "'" + password.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\t", "\\t") + "'";
        try (Connection connection = TestDatabases.connect(admin)) {
            for (String host : new String[] {"%", "localhost"}) {
                Jdbc.execute(connection, "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY " + literal + options);
                Jdbc.execute(connection, "GRANT ALL ON `" + admin.schema() + "`.* TO '" + user + "'@'" + host + "'");
            }
        }
        String url = admin.url().substring(0, admin.url().lastIndexOf('/') + 1) + admin.schema();
        return new TargetSpec(url, user, Secret.of(password), admin.schema(), null);
    }
}
