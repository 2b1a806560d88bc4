package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL control plane whose server stops answering (a proxy in front of it paused, as a frozen server or a
 * dropped network would): the work fails within the network timeout, told, rather than hanging the command for ever.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlPlaneNoAnswerPostgresIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();
    private PausableProxy proxy;
    private ControlPlane plane;

    @BeforeEach
    void openThroughProxy() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        proxy = PausableProxy.to(server.getHost(), server.getPort() == -1 ? 5432 : server.getPort());
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name();
        plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null, Heartbeat.DEFAULT_PERIOD, TIMEOUT);
    }

    @AfterEach
    void closePlaneAndProxy() throws Exception {
        proxy.close();
        plane.close();
    }

    private static Tenant tenant(String id) {
        return new Tenant(TenantId.of(id), null, null, null, List.of());
    }

    @Test
    void a_read_the_server_does_not_answer_fails_within_the_network_timeout_naming_the_plane_and_the_setting() {
        plane.tenants().add(tenant("acme"));
        proxy.pause();

        assertThatThrownBy(() -> plane.tenants().all()).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.getMessage()).contains("The control plane " + plane.displayName() + " did not answer within 2 s")
                    .contains("controlPlane.networkTimeout").contains("run the command again");
        });

        proxy.resume();
        assertThat(plane.tenants().all()).as("the next work connects again").hasSize(1);
    }

    @Test
    void a_write_by_itself_the_server_does_not_answer_is_told_as_of_unknown_outcome_with_how_to_check() {
        plane.tenants().add(tenant("acme"));
        proxy.pause(); // the DELETE is held, as a frozen server's kernel holds it: it may still be made on waking

        assertThatThrownBy(() -> plane.tenants().remove(TenantId.of("acme"))).isInstanceOfSatisfying(CommitUnknown.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("did not answer within 2 s").contains("removing tenant acme")
                            .contains("whether it was recorded is unknown").contains("tenants list")
                            .doesNotContain("nothing of it is half-recorded");
                });

        proxy.resume();
        assertThat(plane.tenants().all()).as("the next work connects again (the DELETE held may have been made)")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void a_tokens_use_noted_without_an_answer_is_told_as_a_write_of_unknown_outcome_not_as_a_read() {
        plane.users().add("ci", "operator", "argon2-hash", "admin");
        plane.users().addToken("ci", "pipeline", "token-hash", null);
        // The note of a token's use, a write committing by itself, is held as a frozen server holds it.
        proxy.pauseAt("UPDATE api_tokens".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> plane.users().noteTokenUse("ci", "token-hash")).isInstanceOfSatisfying(CommitUnknown.class,
                e -> assertThat(e.getMessage()).contains("did not answer within 2 s")
                        .contains("noting the use of a token of ci").contains("whether it was recorded is unknown")
                        .doesNotContain("nothing of it is half-recorded"));

        proxy.resume();
        assertThat(plane.users().token("token-hash")).map(t -> t.owner().name()).hasValue("ci");
        assertThat(plane.users().token("no-such-hash")).isEmpty();
        plane.users().noteTokenUse("ci", "token-hash");
        assertThat(plane.users().tokens("ci")).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
    }

    @Test
    void a_transaction_cut_off_before_its_commit_records_none_of_its_writes() {
        assertThatThrownBy(() -> plane.together("adding two tenants", () -> {
            plane.tenants().add(tenant("first"));
            proxy.pause();
            plane.tenants().add(tenant("second"));
        })).isInstanceOf(FlotillaException.class).isNotInstanceOf(CommitUnknown.class)
                .hasMessageContaining("did not answer within 2 s");

        proxy.resume();
        assertThat(plane.tenants().all()).as("rolled back by the server, not written again").isEmpty();
    }

    @Test
    void a_commit_the_server_does_not_answer_is_told_as_of_unknown_outcome_with_how_to_check() {
        assertThatThrownBy(() -> plane.together("adding a tenant", () -> {
            plane.tenants().add(tenant("acme"));
            proxy.pause();
        })).isInstanceOfSatisfying(CommitUnknown.class, e -> assertThat(e.getMessage())
                .contains("did not answer within 2 s").contains("whether it was recorded is unknown")
                .contains("tenants list").doesNotContain("process serving the control plane ended"));
    }
}
