package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.ConnectTimeout;
import dev.flotilla.testing.SilentServer;
import dev.flotilla.web.fleet.RollbackMergeWarning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's and the API's rollback on a PostgreSQL shared schema whose server accepts and never answers (a hung host):
 * refused as a server that is not there is, and the button's own check waits for it as long as its confirmation page
 * does ({@link RollbackMergeWarning#READ_WITHIN}), not deploy.connectTimeout.
 */
class ConsoleRollbackSilentTargetPostgresIT extends ConsoleRollbackUncheckedTargetPostgresIT {
    private final SilentServer silent = startSilent();

    private static SilentServer startSilent() {
        try {
            return SilentServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String unreachableUrl() {
        return "jdbc:postgresql://127.0.0.1:" + silent.port() + "/test";
    }

    @AfterEach
    void closeSilent() throws IOException {
        silent.close();
    }

    @Test
    void the_buttons_own_check_waits_for_a_silent_server_as_long_as_its_confirmation_does_not_the_connect_timeout()
            throws Exception {
        String deployment = deployedWhereTheServerWas();
        String token = demo.accounts.createToken("admin", "ci");
        ConnectTimeout.set(Duration.ofSeconds(60));
        try {
            int connections = silent.accepted().size();
            long started = System.nanoTime();
            HttpResponse<String> api = post("/api/v1/deployments/" + deployment + "/rollback", token, "");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int tries = silent.accepted().size() - connections;

            assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
            assertThat(json(api).path("detail").asText()).contains("could not be checked on 1 target(s)",
                    "(tenants acme, globex)", "Nothing was rolled back.");
            // One read of the shared target for both tenants and both checks (newer migrations, the merge guard): a
            // target that did not answer the first is not waited for again, nor once per tenant.
            assertThat(tries).as("connections the POST opened to the silent server").isEqualTo(1);
            assertThat(took).as("the POST's wait").isLessThan(Duration.ofSeconds(20));
        } finally {
            ConnectTimeout.set(ConnectTimeout.DEFAULT);
        }
    }
}
