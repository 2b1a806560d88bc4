package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.ConnectTimeout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded control plane served by a process that is frozen (kill -STOP): every other command is told, not held. */
class FrozenServerIT {
    @TempDir
    Path home;
    HolderProcess holder;

    @AfterEach
    void endHolder() throws Exception {
        ConnectTimeout.set(ConnectTimeout.DEFAULT);
        if (holder != null) {
            holder.close();
        }
    }

    private void startHolder(String url) throws Exception {
        holder = HolderProcess.start(url);
    }

    private void signal(String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", signal, String.valueOf(holder.pid())).start().waitFor()).isZero();
    }

    /** What opening did within a minute: the exception it threw, or "opened". */
    private static Object within(Supplier<ControlPlane> open) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (ControlPlane plane = open.get()) {
                return (Object) "opened";
            } catch (FlotillaException e) {
                return e;
            }
        }).completeOnTimeout("still waiting after a minute", 60, TimeUnit.SECONDS).get();
    }

    @Test
    void opening_a_file_whose_serving_process_is_frozen_fails_within_the_connect_timeout_naming_the_process() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        startHolder(url);
        signal("-STOP");
        ConnectTimeout.set(Duration.ofSeconds(2));

        for (Supplier<ControlPlane> open : java.util.List.<Supplier<ControlPlane>>of(() -> ControlPlane.open(url, "sa", null),
                () -> ControlPlane.openForReading(url, "sa", null))) {
            Object outcome = within(open);

            assertThat(outcome).isInstanceOf(FlotillaException.class);
            FlotillaException failure = (FlotillaException) outcome;
            assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(failure.getMessage()).contains("is served by process " + holder.pid() + " (java, stopped) at localhost:")
                    .contains("gave no answer within 2.0 s").contains("(kill -CONT " + holder.pid() + ")").contains("deploy --resume");
        }

        signal("-KILL");
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(within(() -> ControlPlane.open(url, "sa", null))).as("the file is free once the process is gone")
                .isEqualTo("opened");
    }

    @Test
    void a_file_served_by_a_process_that_answers_opens_through_it() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        startHolder(url);

        assertThat(within(() -> ControlPlane.open(url, "sa", null))).isEqualTo("opened");
        assertThat(within(() -> ControlPlane.openForReading(url, "sa", null))).isEqualTo("opened");
    }
}
