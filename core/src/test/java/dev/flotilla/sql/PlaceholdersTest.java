package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    @Test
    void finds_every_use_with_its_line() {
        assertThat(Placeholders.find("SELECT '${tenant}';\n\nGRANT ALL TO ${app_role};"))
                .containsExactly(new Placeholders.Use("tenant", 1), new Placeholders.Use("app_role", 3));
    }

    @Test
    void replaces_values_literally_even_with_dollar_signs() {
        assertThat(Placeholders.replace("GRANT ${r} TO ${schema}", Map.of("r", "a$1\\b", "schema", "s")))
                .isEqualTo("GRANT a$1\\b TO s");
    }

    @Test
    void a_placeholder_without_a_value_is_an_error_naming_it_and_its_line() {
        assertThatThrownBy(() -> Placeholders.replace("SELECT 1;\nSELECT ${missing};", Map.of()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLACEHOLDER);
                    assertThat(e.getMessage()).contains("${missing}", "line 2", "--placeholder missing=VALUE");
                });
    }

    @Test
    void text_that_only_looks_like_a_placeholder_is_left_alone() {
        assertThat(Placeholders.find("SELECT '$1', '${ }', '$x{y}'")).isEmpty();
    }

    @Test
    void a_script_without_placeholders_comes_back_as_it_is_and_lookalikes_stay() {
        String plain = "CREATE TABLE t (price TEXT DEFAULT '$5');\nSELECT '$x{y}', '{z}';";

        assertThat(Placeholders.replace(plain, Map.of())).isSameAs(plain);
        assertThat(Placeholders.replace("SELECT '${ }', '$${a}';", Map.of("a", "1"))).isEqualTo("SELECT '${ }', '$1';");
    }
}
