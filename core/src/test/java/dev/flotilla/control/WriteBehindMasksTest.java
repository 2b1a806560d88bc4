package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the control plane's writer says of a write that failed, or of its own death, is masked as the plane masks. */
class WriteBehindMasksTest {
    private static final String SECRET = "Wb-S3cretXyz";

    @TempDir
    Path home;

    @Test
    void an_error_that_kills_the_writer_is_rethrown_masked_of_its_type_with_its_cause_and_stack() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.maskAlso(text -> text.replace(SECRET, "****"));
            CompletableFuture<Throwable> rethrown = new CompletableFuture<>();
            WriteBehind records = writerWhoseEndIsCaught(plane, rethrown);
            AssertionError error = new AssertionError("bad value " + SECRET,
                    new IllegalStateException("the row holds " + SECRET));
            records.add("writing a record", () -> {
                throw error;
            });

            assertThatThrownBy(records::flush).isInstanceOf(FlotillaException.class)
                    .hasMessageContaining("died of java.lang.AssertionError: bad value ****")
                    .satisfies(failure -> assertThat(traceOf(failure)).doesNotContain(SECRET));
            Throwable end = rethrown.get(10, TimeUnit.SECONDS);
            assertThat(end).isInstanceOf(AssertionError.class).hasMessage("bad value ****");
            assertThat(end.getStackTrace()).isEqualTo(error.getStackTrace());
            assertThat(end.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("the row holds ****");
            assertThat(traceOf(end)).doesNotContain(SECRET);
        }
    }

    @Test
    void a_write_that_fails_quoting_a_secret_is_thrown_masked_by_the_next_flush() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.maskAlso(text -> text.replace(SECRET, "****"));
            WriteBehind records = plane.writeBehind();
            records.add("writing a bad record", () -> {
                throw new IllegalStateException("value too long: '" + SECRET + "'");
            });

            assertThatThrownBy(records::flush).isInstanceOf(FlotillaException.class)
                    .hasMessageContaining("value too long: '****'")
                    .satisfies(failure -> assertThat(traceOf(failure)).doesNotContain(SECRET));
            assertThatThrownBy(records::close).isInstanceOf(FlotillaException.class);
        }
    }

    /** A writer started in a thread group of its own, which hands over what its thread ends with. */
    private static WriteBehind writerWhoseEndIsCaught(ControlPlane plane, CompletableFuture<Throwable> rethrown)
            throws InterruptedException {
        ThreadGroup catching = new ThreadGroup("write-behind-test") {
            @Override
            public void uncaughtException(Thread thread, Throwable e) {
                rethrown.complete(e);
            }
        };
        AtomicReference<WriteBehind> records = new AtomicReference<>();
        Thread starter = new Thread(catching, () -> records.set(new WriteBehind(plane, Duration.ofMillis(10))));
        starter.start();
        starter.join();
        return records.get();
    }

    private static String traceOf(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
