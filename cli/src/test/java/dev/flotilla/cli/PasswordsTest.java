package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {
    @TempDir
    Path temp;

    @Test
    void a_password_given_where_a_variable_name_belongs_is_not_quoted_back_from_any_key() {
        for (String option : new String[] {"--password-env", "tenancy.passwordEnv", "controlPlane.passwordEnv"}) {
            for (String mistake : new String[] {"PgS3cret_xq91", "p@ss w0rd!", "s3cr3t-Pw"}) {
                assertThatThrownBy(() -> Passwords.read(mistake, null, Map.of(), option, "--password-file"))
                        .as(option + " " + mistake).isInstanceOf(FlotillaException.class)
                        .hasMessageNotContaining(mistake).hasMessageContaining(option).hasMessageContaining("not shown");
            }
        }
    }

    @Test
    void a_value_that_cannot_be_a_variable_name_is_said_to_be_no_variable_name_with_the_code_of_where_it_was_given() {
        assertThatThrownBy(() -> Passwords.read("p@ss w0rd!", null, Map.of(), "tenancy.passwordEnv", "tenancy.passwordFile"))
                .hasMessageContaining("The value given to tenancy.passwordEnv is not a variable name")
                .extracting(e -> ((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG);
    }

    @Test
    void an_unset_variable_with_a_conventional_name_is_still_named() {
        for (String name : new String[] {"DB_PASSWORD", "db_password"}) {
            assertThatThrownBy(() -> Passwords.read(name, null, Map.of(), "--password-env", "--password-file"))
                    .hasMessageContaining("The environment variable " + name + " named by --password-env is not set");
        }
    }

    @Test
    void a_password_given_where_a_file_belongs_is_not_quoted_back_but_a_missing_file_with_a_files_name_is() {
        for (String mistake : new String[] {"PgS3cret_xq91", "p@ss w0rd!"}) {
            assertThatThrownBy(() -> Passwords.read(null, temp.resolve(mistake), Map.of(), "--password-env", "--password-file"))
                    .as(mistake).hasMessageNotContaining(mistake).hasMessageContainingAll("--password-file", "not shown");
        }
        assertThatThrownBy(() -> Passwords.read(null, temp.resolve("db.pw"), Map.of(), "--password-env", "--password-file"))
                .hasMessageContaining(temp.resolve("db.pw") + " named by --password-file: no such file");
    }
}
