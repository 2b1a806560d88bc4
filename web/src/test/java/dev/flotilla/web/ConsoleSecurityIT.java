package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the security review of the console found: each test is one finding, over real HTTP against a real console. */
class ConsoleSecurityIT extends ConsoleOverHttp {

    @Test
    void an_api_token_is_refused_on_the_consoles_pages_so_it_cannot_add_users_or_mint_tokens() throws Exception {
        String viewer = demo.accounts.createToken("victor", "ci");
        String admin = demo.accounts.createToken("admin", "ci");
        for (String token : new String[] {viewer, admin}) {
            HttpResponse<String> addUser = postForm("/users", token, "name=mallory&role=platform_super_admin&password=mallory-password-1");
            HttpResponse<String> mint = postForm("/tokens", token, "label=spare");
            HttpResponse<String> page = get("/users", token);

            for (HttpResponse<String> refused : java.util.List.of(addUser, mint, page)) {
                assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.uri()).isEqualTo(401);
                assertThat(refused.body()).contains("API tokens are for the REST API under /api/v1 only");
            }
            assertThat(get("/api/v1/tenants", token).statusCode()).as("the API still takes it").isEqualTo(200);
        }
        assertThat(demo.accounts.roleOf("mallory")).isEmpty();
        assertThat(demo.fleet.plane().users().tokens("victor")).hasSize(1);
        assertThat(demo.fleet.plane().users().tokens("admin")).hasSize(1);
    }

    /** A form posted with a token and no session, as a CI job holding a leaked token would. */
    private HttpResponse<String> postForm(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
