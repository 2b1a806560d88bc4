package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.UserStore;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stamping an API token's use is best effort: a refused stamp is told once on the console's log, masked, and swallowed. */
class TokenUseStampsTest {
    @TempDir
    Path home;

    @Test
    void a_refused_stamp_is_logged_once_masked_until_a_stamp_succeeds_again() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), ControlPlane.EMBEDDED_USER, null)) {
            plane.maskAlso(text -> text.replace("FLP_NO_STAMP", "****"));
            Accounts accounts = new Accounts(plane.users());
            accounts.add("alice", Role.OPERATOR, "alice-password-123".toCharArray(), "test");
            String token = accounts.createToken("alice", "ci");
            UserStore.User alice = plane.users().find("alice").orElseThrow();
            TokenUseStamps stamps = new TokenUseStamps(accounts,
                    new ConsoleLog(plane::scrub, new PrintStream(printed, true, StandardCharsets.UTF_8)));

            refuseStamps(true);
            stamps.note(alice, token);
            stamps.note(alice, token);
            String firstEpisode = printed.toString(StandardCharsets.UTF_8);
            refuseStamps(false);
            stamps.note(alice, token);
            boolean stamped = plane.users().tokens("alice").get(0).lastUsedAt() != null;
            refuseStamps(true);
            stamps.note(alice, token);

            assertThat(firstEpisode.lines()).as("told once for two refused stamps").singleElement().asString()
                    .startsWith("flotilla console: could not note the use of an API token of alice (its 'last used' time")
                    .contains("the request went on").doesNotContain(token);
            assertThat(firstEpisode).as("the driver's message, masked as every console line is")
                    .contains("****").doesNotContain("FLP_NO_STAMP");
            assertThat(stamped).as("stamped once the plane takes it").isTrue();
            assertThat(printed.toString(StandardCharsets.UTF_8).lines()).as("told again after a stamp succeeded").hasSize(2);
        }
    }

    /** A constraint the stamp breaks: the plane refuses it as it would a write it cannot make. */
    private void refuseStamps(boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection(ControlPlane.embeddedUrl(home), ControlPlane.EMBEDDED_USER, "")) {
            if (refuse) {
                c.createStatement().execute("UPDATE api_tokens SET last_used_at = NULL");
                c.createStatement().execute("ALTER TABLE api_tokens ADD CONSTRAINT flp_no_stamp CHECK (last_used_at IS NULL)");
            } else {
                c.createStatement().execute("ALTER TABLE api_tokens DROP CONSTRAINT flp_no_stamp");
            }
        }
    }
}
