package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HistoryRetriesTest {
    private static final TenantId TENANT = TenantId.of("atelier_nord");

    private final HistoryRetries retries = HistoryRetries.forConsole();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch trying = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);

    /** A try of the target that blocks until the test lets it answer, as an unreachable server does until the timeout. */
    private final Supplier<String> blockingTry = () -> {
        attempts.incrementAndGet();
        trying.countDown();
        try {
            answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "could not be read (no answer within the connect timeout)";
    };

    @Test
    void a_second_look_while_the_first_tries_the_target_waits_for_its_answer_and_does_not_try_it_too() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        Thread firstLook = Thread.ofPlatform().start(() -> first.complete(retries.oneTry("d1", TENANT, blockingTry)));
        assertThat(trying.await(10, TimeUnit.SECONDS)).as("the first look tries the target").isTrue();
        Thread secondLook = Thread.ofPlatform().start(() -> second.complete(retries.oneTry("d1", TENANT, blockingTry)));
        awaitWaiting(secondLook);

        answer.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("could not be read (no answer within the connect timeout)");
        assertThat(second.get(10, TimeUnit.SECONDS)).as("the first's answer").isEqualTo(first.get());
        assertThat(attempts).as("one try of the target for both looks").hasValue(1);
        firstLook.join();
    }

    @Test
    void another_tasks_target_is_tried_while_one_is_being_tried() throws Exception {
        Thread firstLook = Thread.ofPlatform().start(() -> retries.oneTry("d1", TENANT, blockingTry));
        assertThat(trying.await(10, TimeUnit.SECONDS)).isTrue();

        String other = retries.oneTry("d1", TenantId.of("bistro_sud"), () -> "read");

        assertThat(other).isEqualTo("read");
        answer.countDown();
        firstLook.join();
    }

    @Test
    void a_look_after_the_try_answered_tries_again_as_the_back_off_decides() {
        retries.oneTry("d1", TENANT, () -> {
            attempts.incrementAndGet();
            return null;
        });
        retries.oneTry("d1", TENANT, () -> {
            attempts.incrementAndGet();
            return null;
        });

        assertThat(attempts).as("nothing is remembered of a try that has answered: the back-off alone decides").hasValue(2);
        assertThat(retries.waiting("d1", TENANT)).isNull();
        assertThat(retries.retryAfter(Instant.EPOCH)).isEqualTo(Instant.EPOCH.plus(Duration.ofSeconds(60)));
    }

    /** Polls until the thread waits (parked), with a deadline. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the second look waits within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }
}
