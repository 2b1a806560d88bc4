package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.UserStore;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.TokenLifetime;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * API tokens that expire and tokens revoked: never taken again, refused in words saying what became of the token and
 * when, audited naming its owner (never the token), and shown so on the tokens page.
 */
class ConsoleTokenExpiryIT extends ConsoleOverHttp {
    @Test
    void an_expired_token_is_refused_saying_when_it_expired_and_how_to_make_a_new_one_audited_naming_its_owner() throws Exception {
        // Made 100 days ago for the default 90 days: expired 10 days ago.
        Accounts earlier = new Accounts(demo.fleet.plane().users(), Clock.fixed(Instant.now().minus(Duration.ofDays(100)), ZoneOffset.UTC));
        Accounts.IssuedToken token = earlier.issueToken("olivia", "nightly-ci", TokenLifetime.DEFAULT);

        HttpResponse<String> refused = get("/api/v1/me", token.value());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        String expiry = dev.flotilla.web.view.Format.time(token.expiresAt());
        assertThat(json(refused).path("detail").asText())
                .contains("This API token ('nightly-ci' of olivia) expired at " + expiry + " and no longer works.")
                .contains("Create a new one on the console's API tokens page", "flotilla user token olivia --label nightly-ci")
                .doesNotContain(token.value());
        AuditLog.Entry entry = demo.fleet.plane().audit().newest(1).get(0);
        assertThat(entry.action()).isEqualTo("api.token.refused");
        assertThat(entry.actor()).as("whose token it is").isEqualTo("olivia");
        assertThat(entry.outcome()).isEqualTo("denied");
        assertThat(entry.details()).isEqualTo("GET /api/v1/me: token 'nightly-ci' (id " + onlyToken("olivia").id()
                + ") expired at " + expiry);
        assertThat(onlyToken("olivia").lastUsedAt()).as("refused, not used").isNull();
    }

    @Test
    void a_revoked_token_is_kept_refused_saying_when_it_was_revoked_and_audited_naming_its_owner() throws Exception {
        String token = demo.accounts.createToken("admin", "deploy-bot");
        assertThat(get("/api/v1/me", token).statusCode()).as("works until revoked").isEqualTo(200);
        long id = onlyToken("admin").id();

        HttpResponse<String> revoke = form(adminSession(), "/tokens/" + id + "/revoke", "");

        assertThat(revoke.statusCode()).isEqualTo(303);
        UserStore.Token revoked = onlyToken("admin");
        assertThat(revoked.revokedAt()).as("kept, marked").isNotNull();
        HttpResponse<String> refused = get("/api/v1/tenants", token);
        assertThat(refused.statusCode()).isEqualTo(401);
        String at = dev.flotilla.web.view.Format.time(revoked.revokedAt());
        assertThat(json(refused).path("detail").asText())
                .startsWith("This API token ('deploy-bot' of admin) was revoked at " + at + " and no longer works. Create a new one")
                .doesNotContain(token);
        AuditLog.Entry entry = demo.fleet.plane().audit().newest(1).get(0);
        assertThat(entry.actor()).as("no longer '-': the row is kept").isEqualTo("admin");
        assertThat(entry.details()).isEqualTo("GET /api/v1/tenants: token 'deploy-bot' (id " + id + ") revoked at " + at);
        assertThat(demo.fleet.plane().audit().newest(20)).extracting(AuditLog.Entry::details).noneMatch(d -> d != null && d.contains(token));
        assertThat(form(adminSession(), "/tokens/" + id + "/revoke", "").statusCode()).as("revoked already").isEqualTo(404);
    }

    @Test
    void a_token_revoked_after_it_expired_is_refused_as_revoked() throws Exception {
        Accounts earlier = new Accounts(demo.fleet.plane().users(), Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC));
        String token = earlier.issueToken("victor", "weekly", new TokenLifetime(7)).value();
        demo.fleet.plane().users().revokeToken("victor", onlyToken("victor").id());

        assertThat(json(get("/api/v1/me", token)).path("detail").asText()).contains("was revoked at");
        assertThat(demo.accounts.userOfToken(token)).as("never authenticates").isEmpty();
    }

    @Test
    void the_form_makes_a_token_expire_when_chosen_90_days_by_default_or_never_and_refuses_another_choice() throws Exception {
        String session = adminSession();
        Instant before = Instant.now();
        form(session, "/tokens", "label=week&expires=7d");
        form(session, "/tokens", "label=unsaid");
        form(session, "/tokens", "label=forever&expires=never");
        HttpResponse<String> bad = form(session, "/tokens", "label=odd&expires=tomorrow");
        Instant after = Instant.now();

        assertThat(demo.fleet.plane().users().tokens("admin")).extracting(UserStore.Token::label).containsExactly("week", "unsaid", "forever");
        var tokens = demo.fleet.plane().users().tokens("admin");
        assertThat(tokens.get(0).expiresAt()).isBetween(before.plus(Duration.ofDays(7)), after.plus(Duration.ofDays(7)));
        assertThat(tokens.get(1).expiresAt()).isBetween(before.plus(Duration.ofDays(90)), after.plus(Duration.ofDays(90)));
        assertThat(tokens.get(2).expiresAt()).isNull();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Expires takes a number of days from 1 to 3650 followed by 'd' (90d, the default) or 'never'");
        assertThat(demo.fleet.plane().audit().newest(10)).filteredOn(e -> e.action().equals("token.created"))
                .extracting(AuditLog.Entry::details).contains("label forever, never expires")
                .anyMatch(d -> d.startsWith("label week, expires 20"));
    }

    @Test
    void the_tokens_page_marks_a_token_that_never_expires_an_expired_one_and_a_revoked_one() throws Exception {
        demo.accounts.issueToken("admin", "forever", TokenLifetime.NEVER);
        new Accounts(demo.fleet.plane().users(), Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC))
                .issueToken("admin", "old", new TokenLifetime(1));
        demo.accounts.createToken("admin", "gone");
        long gone = demo.fleet.plane().users().tokens("admin").get(2).id();
        demo.fleet.plane().users().revokeToken("admin", gone);

        String page = get("/tokens", null, adminSession()).body();

        assertThat(page).containsPattern(row("forever", "<strong class=\"warn\"[^>]*>never</strong>"));
        assertThat(page).containsPattern(row("old", "<span class=\"bad\">expired</span>"));
        assertThat(page).containsPattern(row("gone", "<span class=\"bad\">revoked</span>"));
        assertThat(page).doesNotContain("/tokens/" + gone + "/revoke");
    }

    /** The table row of the token labelled {@code label}, holding {@code mark}. */
    private static String row(String label, String mark) {
        return "(?s)<td>" + label + "</td>((?!</tr>).)*" + mark;
    }

    private UserStore.Token onlyToken(String user) {
        return demo.fleet.plane().users().tokens(user).get(0);
    }
}
