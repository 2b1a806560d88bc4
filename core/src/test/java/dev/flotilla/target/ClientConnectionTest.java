package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import org.junit.jupiter.api.Test;

class ClientConnectionTest {
    @Test
    void an_option_file_value_escapes_backslashes_quotes_and_line_breaks_so_no_second_option_line_can_start() {
        assertThat(ClientConnection.optionValue("a\\b\"c\nuser=root\r\t#;'"))
                .isEqualTo("\"a\\\\b\\\"c\\nuser=root\\r\\t#;'\"")
                .doesNotContain("\n");
    }

    @Test
    void a_password_with_a_nul_character_is_refused_without_showing_it() {
        assertThatThrownBy(() -> ClientConnection.optionValue("nul-Secret\0x")).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET))
                .hasMessageContainingAll("NUL character", "change the database user's password")
                .hasMessageNotContaining("nul-Secret");
    }

    @Test
    void the_client_programs_log_in_as_the_urls_user_when_it_names_one_as_the_drivers_do() {
        TargetSpec spec = new TargetSpec("jdbc:postgresql://db.example:5433/app?user=tenant_owner&sslmode=require",
                "postgres", null, "t1", null);

        assertThat(ClientConnection.user(spec)).isEqualTo("tenant_owner");
        assertThat(ClientConnection.conninfo(spec)).contains("user='tenant_owner'").doesNotContain("postgres");
        assertThat(ClientConnection.user(new TargetSpec("jdbc:postgresql://db.example/app", "postgres", null, "t1", null)))
                .isEqualTo("postgres");
    }
}
