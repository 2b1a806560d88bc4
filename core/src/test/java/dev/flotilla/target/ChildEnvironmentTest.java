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
}
