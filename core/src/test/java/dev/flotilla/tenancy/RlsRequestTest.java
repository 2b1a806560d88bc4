package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RlsRequestTest {
    @Test
    void nulls_take_the_defaults() {
        RlsRequest request = new RlsRequest(null, null, null, null);

        assertThat(request).isEqualTo(RlsRequest.defaults());
        assertThat(request.column()).isEqualTo("tenant_id");
        assertThat(request.setting()).isEqualTo("app.tenant_id");
        assertThat(request.bypassRole()).isEqualTo("flotilla_admin");
        assertThat(request.excluding(Set.of("Settings")).excludes("settings")).isTrue();
    }

    @Test
    void an_excluded_name_may_be_quoted_whole_with_either_quote_as_configured_names_are() {
        RlsRequest request = RlsRequest.defaults().excluding(Set.of("\"Settings\"", "`a.b`"));

        assertThat(request.excludes("Settings")).isTrue();
        assertThat(request.excludes("settings")).as("a quoted name keeps its case").isFalse();
        assertThat(request.excludes("a.b")).isTrue();
        assertThat(request.excludes("b")).isFalse();
        assertThat(request.exclude()).containsExactlyInAnyOrder("\"Settings\"", "`a.b`");
    }

    @Test
    void a_setting_must_be_prefix_dot_name() {
        assertThatThrownBy(() -> new RlsRequest(null, "tenant_id", null, Set.of())).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("Not a setting name: 'tenant_id'").hasMessageContaining("prefix.name")
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE));
        assertThatThrownBy(() -> new RlsRequest(null, "app.tenant'); DROP TABLE x; --", null, Set.of()))
                .hasMessageContaining("Not a setting name");
    }

    @Test
    void names_that_would_need_escaping_are_refused() {
        assertThatThrownBy(() -> new RlsRequest("tenant id", null, null, Set.of())).hasMessageContaining("tenant column");
        assertThatThrownBy(() -> new RlsRequest(null, null, "admin'; --", Set.of())).hasMessageContaining("bypass role");
    }
}
