package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.HistoryRetries;
import dev.flotilla.testing.SilentServer;
import dev.flotilla.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The deployment page of a deployment whose process died, whose task's target cannot be read: the console tries the
 * target once, then not again before its back-off has passed (on a clock the test moves), and says when it will; two
 * views at once try it once.
 */
class InterruptedTaskRetriesIT extends ConsoleOverHttp {
    /** A database the test server does not have: its tenant's history cannot be read. */
    private static final String NO_SUCH_DATABASE = TestDatabases.postgresIn("flp_console_no_such_db", null).url();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:15:30Z"));

    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> new ConsoleFleet(fleet.plane(), fleet.tenancy(), fleet.template(), fleet.deploy(),
                fleet.dryRun(), new HistoryRetries(Duration.ofSeconds(60), clock)));
    }

    @Test
    void two_views_within_the_back_off_read_an_unreachable_target_once_and_the_page_says_when_it_is_tried_again()
            throws Exception {
        String id = interruptedDeployment("root", "atelier_nord");
        String session = adminSession();
        onControlPlane("UPDATE tenants SET url = '" + NO_SUCH_DATABASE + "' WHERE id = 'atelier_nord'");

        String first = get("/deployments/" + id, null, session).body();
        // Readable again: a second try would read its history now.
        onControlPlane("UPDATE tenants SET url = NULL WHERE id = 'atelier_nord'");
        clock.move(Duration.ofSeconds(59));
        String second = get("/deployments/" + id, null, session).body();
        clock.move(Duration.ofSeconds(1));
        String third = get("/deployments/" + id, null, session).body();

        String retryAfter = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                .format(Instant.parse("2026-03-02T10:16:30Z"));
        assertThat(first).contains("could not be read at 10:15:30 UTC", "tried again when the deployment is shown after "
                + retryAfter, "flotilla deployments show " + id).doesNotContain("history shows");
        assertThat(ConsoleNextStepsIT.unescaped(first)).as("the page names itself, the command as a hint").contains("after "
                + retryAfter + ", deployment " + id + "'s page (on the command line: `flotilla deployments show " + id
                + "`) tries it at once, “Resume” on deployment " + id + "'s page (on the command line: `flotilla deploy"
                + " --resume " + id + "`) reads it back as it continues");
        assertThat(second).as("not tried again within the back-off").contains("could not be read at 10:15:30 UTC")
                .doesNotContain("history shows");
        assertThat(third).as("tried again after it").contains("history shows nothing applied").doesNotContain("could not be read");
    }

    @Test
    void two_views_at_once_of_a_target_that_never_answers_try_it_once_and_both_say_it_could_not_be_read() throws Exception {
        String id = interruptedDeployment("root", "atelier_nord");
        String session = adminSession();
        try (SilentServer silent = SilentServer.start()) {
            // sslmode=disable: one connection a try (prefer tries again without TLS after the first times out).
            onControlPlane("UPDATE tenants SET url = 'jdbc:postgresql://127.0.0.1:" + silent.port()
                    + "/flp_clients_silent?sslmode=disable&connectTimeout=5&loginTimeout=5' WHERE id = 'atelier_nord'");

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> page(id, session));
            awaitAccepted(silent);
            String second = page(id, session);

            assertThat(first.get(60, TimeUnit.SECONDS)).contains("could not be read at 10:15:30 UTC");
            assertThat(second).as("the first view's answer, waited for").contains("could not be read at 10:15:30 UTC");
            assertThat(silent.accepted()).as("one try of the target for both views").hasSize(1);
        }
    }

    private String page(String id, String session) {
        try {
            return get("/deployments/" + id, null, session).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the server has accepted the first view's connection, with a deadline. */
    private static void awaitAccepted(SilentServer silent) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (silent.accepted().isEmpty()) {
            assertThat(System.nanoTime()).as("the first view connects within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
