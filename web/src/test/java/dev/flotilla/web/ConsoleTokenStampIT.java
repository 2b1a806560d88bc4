package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A control plane that refuses an API token's "last used" stamp (here a constraint on the column; in life a lost
 * connection, a lock, a read-only replica) does not refuse the request the token was already taken for.
 */
class ConsoleTokenStampIT extends ConsoleOverHttp {
    @Test
    void an_api_request_goes_on_when_the_control_plane_refuses_to_stamp_its_token_as_used() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onControlPlane("ALTER TABLE api_tokens ADD CONSTRAINT flp_no_stamp CHECK (last_used_at IS NULL)");

        var me = get("/api/v1/me", token);
        var tenants = get("/api/v1/tenants", token);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).path("user").asText()).isEqualTo("admin");
        assertThat(tenants.statusCode()).as("every request, not only the first").isEqualTo(200);
        assertThat(demo.fleet.plane().users().tokens("admin").get(0).lastUsedAt()).as("the stamp was refused").isNull();
    }
}
