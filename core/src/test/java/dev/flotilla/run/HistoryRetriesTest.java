package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HistoryRetriesTest {
    private static final TenantId TENANT = TenantId.of("atelier_nord");
    /** A look's own wait, longer than any test takes. */
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Supplier<String> UNANSWERED = () -> "still being read by another look";

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
        Thread firstLook = Thread.ofPlatform().start(() -> first.complete(retries.oneTry("d1", TENANT, LONG, blockingTry,
                UNANSWERED)));
        assertThat(trying.await(10, TimeUnit.SECONDS)).as("the first look tries the target").isTrue();
        Thread secondLook = Thread.ofPlatform().start(() -> second.complete(retries.oneTry("d1", TENANT, LONG, blockingTry,
                UNANSWERED)));
        awaitWaiting(secondLook);

        answer.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("could not be read (no answer within the connect timeout)");
        assertThat(second.get(10, TimeUnit.SECONDS)).as("the first's answer").isEqualTo(first.get());
        assertThat(attempts).as("one try of the target for both looks").hasValue(1);
        firstLook.join();
    }

    @Test
    void a_second_look_waits_no_longer_than_its_own_timeout_for_the_first_ones_answer() throws Exception {
        Thread firstLook = Thread.ofPlatform().start(() -> retries.oneTry("d1", TENANT, LONG, blockingTry, UNANSWERED));
        assertThat(trying.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> retries.oneTry("d1", TENANT,
                Duration.ofMillis(200), blockingTry, UNANSWERED));

        assertThat(second.get(10, TimeUnit.SECONDS)).as("its own wait is over; the first still tries")
                .isEqualTo("still being read by another look");
        assertThat(attempts).as("it did not try the target itself").hasValue(1);
        answer.countDown();
        firstLook.join();
    }

    @Test
    void a_second_look_whose_thread_is_interrupted_stops_waiting_and_keeps_the_interrupt() throws Exception {
        Thread firstLook = Thread.ofPlatform().start(() -> retries.oneTry("d1", TENANT, LONG, blockingTry, UNANSWERED));
        assertThat(trying.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = new CompletableFuture<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread secondLook = Thread.ofPlatform().start(() -> {
            second.complete(retries.oneTry("d1", TENANT, LONG, blockingTry, UNANSWERED));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        awaitWaiting(secondLook);

        secondLook.interrupt();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("still being read by another look");
        secondLook.join();
        assertThat(interruptKept).as("the caller still sees it was interrupted").isTrue();
        answer.countDown();
        firstLook.join();
    }

    @Test
    void another_tasks_target_is_tried_while_one_is_being_tried() throws Exception {
        Thread firstLook = Thread.ofPlatform().start(() -> retries.oneTry("d1", TENANT, LONG, blockingTry, UNANSWERED));
        assertThat(trying.await(10, TimeUnit.SECONDS)).isTrue();

        String other = retries.oneTry("d1", TenantId.of("bistro_sud"), LONG, () -> "read", UNANSWERED);

        assertThat(other).isEqualTo("read");
        answer.countDown();
        firstLook.join();
    }

    @Test
    void a_look_after_the_try_answered_tries_again_as_the_back_off_decides() {
        retries.oneTry("d1", TENANT, LONG, () -> {
            attempts.incrementAndGet();
            return null;
        }, UNANSWERED);
        retries.oneTry("d1", TENANT, LONG, () -> {
            attempts.incrementAndGet();
            return null;
        }, UNANSWERED);

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
