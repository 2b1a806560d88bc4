package dev.flotilla.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void twenty_guesses_at_once_let_only_five_through() throws Exception {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), clock);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<LoginThrottle.Attempt>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return throttle.begin("10.0.0.3", "view");
                }));
            }
            start.countDown();
            int through = 0;
            for (Future<LoginThrottle.Attempt> attempt : attempts) {
                through += attempt.get().refused() ? 0 : 1;
            }

            assertThat(through).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_sign_in_is_no_failure_and_clears_the_users_but_not_the_addresss() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(5), clock);
        throttle.begin("10.0.0.3", "admin"); // a wrong password: stays counted
        LoginThrottle.Attempt good = throttle.begin("10.0.0.3", "admin");

        throttle.succeeded("10.0.0.3", "admin", good);

        assertThat(throttle.begin("10.0.0.4", "admin").refused()).as("the user's failures are cleared").isFalse();
        assertThat(throttle.begin("10.0.0.3", "other").refused()).as("one failure left on the address, then this one").isFalse();
        assertThat(throttle.begin("10.0.0.3", "third").refused()).as("the address has had two").isTrue();
    }
}
