package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTest {
    @Test
    void a_bad_group_name_is_refused_as_a_group_name_with_the_rule() {
        assertThatThrownBy(() -> new Tenant(TenantId.of("acme"), null, null, null, List.of("eu", "<b>g</b>")))
                .isInstanceOf(FlotillaException.class)
                .hasMessageStartingWith("Invalid group name '<b>g</b>' for tenant acme: use 1 to 63 letters")
                .hasMessageNotContaining("tenant id")
                .extracting(e -> ((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE);
    }
}
