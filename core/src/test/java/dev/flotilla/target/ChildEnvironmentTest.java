package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {
    @Test
    void the_variables_named_as_password_sources_and_every_flotilla_password_variable_are_removed() {
        ChildEnvironment.withhold("CHILD_ENV_TEST_TENANT_PW");
        Map<String, String> environment = new HashMap<>(Map.of("CHILD_ENV_TEST_TENANT_PW", "s1", "FLOTILLA_CONTROL_PASSWORD",
                "s2", "flotilla_other_password_file", "s3", "PATH", "/bin", "FLOTILLA_TENANT", "acme"));

        ChildEnvironment.clean(environment);

        assertThat(environment).containsOnlyKeys("PATH", "FLOTILLA_TENANT");
    }

    @Test
    void a_hook_gets_none_of_the_database_clients_own_password_variables_though_no_configuration_names_them() {
        Map<String, String> environment = new HashMap<>(Map.of("PGPASSWORD", "ambient-s1", "MYSQL_PWD", "ambient-s2",
                "PGPASSFILE", "/home/app/.pgpass", "PGHOST", "db1", "PATH", "/bin"));

        ChildEnvironment.clean(environment);

        assertThat(environment).containsOnlyKeys("PGHOST", "PATH");
    }

    @Test
    void a_database_client_program_gets_no_ambient_password_but_the_password_file_the_jdbc_driver_reads_too() {
        Map<String, String> environment = new HashMap<>(Map.of("PGPASSWORD", "ambient-s1", "MYSQL_PWD", "ambient-s2",
                "PGPASSFILE", "/home/app/.pgpass", "FLOTILLA_CONTROL_PASSWORD", "s3", "PATH", "/bin"));

        ChildEnvironment.cleanForClientProgram(environment);

        assertThat(environment).containsOnlyKeys("PGPASSFILE", "PATH", ChildEnvironment.LOGIN_PATH_FILE);
    }

    /**
     * MySQL's own client programs read ~/.mylogin.cnf even with --defaults-file, after it (its [client] password would
     * win); MariaDB's, the ones on this machine, have no such file, so what is checked is the variable they obey.
     */
    @Test
    void a_database_client_program_is_pointed_at_a_login_path_file_that_is_not_there_instead_of_the_users() {
        Map<String, String> environment = new HashMap<>(Map.of("MYSQL_TEST_LOGIN_FILE", "/home/app/.mylogin.cnf",
                "PATH", "/bin"));
        Map<String, String> forHook = new HashMap<>(environment);

        ChildEnvironment.cleanForClientProgram(environment);
        ChildEnvironment.clean(forHook);

        java.nio.file.Path loginFile = java.nio.file.Path.of(environment.get(ChildEnvironment.LOGIN_PATH_FILE));
        assertThat(loginFile).isAbsolute().doesNotExist();
        assertThat(loginFile.getParent()).doesNotExist();
        assertThat(forHook).containsEntry("MYSQL_TEST_LOGIN_FILE", "/home/app/.mylogin.cnf");
    }

    @Test
    void a_database_client_program_loses_the_ambient_connection_and_session_variables_a_hook_keeps() {
        Map<String, String> ambient = Map.ofEntries(Map.entry("PGHOST", "db9"), Map.entry("PGUSER", "someone"),
                Map.entry("PGSERVICE", "other"), Map.entry("PGSSLMODE", "require"), Map.entry("PGDATABASE", "other"),
                Map.entry("MYSQL_HOST", "db9"), Map.entry("MYSQL_TCP_PORT", "3307"), Map.entry("PGAPPNAME", "app"),
                Map.entry("PGOPTIONS", "-c search_path=x"), Map.entry("PGCONNECT_TIMEOUT", "99"),
                Map.entry("USER", "app"), Map.entry("PATH", "/bin"));
        Map<String, String> forClient = new HashMap<>(ambient);
        Map<String, String> forHook = new HashMap<>(ambient);

        ChildEnvironment.cleanForClientProgram(forClient);
        ChildEnvironment.clean(forHook);

        assertThat(forClient).containsOnlyKeys("USER", "PATH", ChildEnvironment.LOGIN_PATH_FILE);
        assertThat(forHook).isEqualTo(ambient);
    }
}
