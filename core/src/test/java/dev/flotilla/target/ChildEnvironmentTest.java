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

        assertThat(environment).containsOnlyKeys("PGPASSFILE", "PATH");
    }

    @Test
    void a_database_client_program_loses_the_ambient_connection_variables_a_hook_keeps() {
        Map<String, String> ambient = Map.of("PGHOST", "db9", "PGUSER", "someone", "PGSERVICE", "other", "PGSSLMODE", "require",
                "PGDATABASE", "other", "MYSQL_HOST", "db9", "MYSQL_TCP_PORT", "3307", "PGAPPNAME", "app", "USER", "app", "PATH", "/bin");
        Map<String, String> forClient = new HashMap<>(ambient);
        Map<String, String> forHook = new HashMap<>(ambient);

        ChildEnvironment.cleanForClientProgram(forClient);
        ChildEnvironment.clean(forHook);

        assertThat(forClient).containsOnlyKeys("PGAPPNAME", "USER", "PATH");
        assertThat(forHook).isEqualTo(ambient);
    }
}
