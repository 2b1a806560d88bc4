package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ControlPlane#maskAlso} adds to {@link ControlPlane#scrub}: each mask once, however often it is given. */
class ControlPlaneMasksTest {
    @TempDir
    Path home;

    /** A mask equal to every other of the same word: as a console's mask of one fleet is to the next start's. */
    private record Masking(String word, AtomicInteger calls) implements UnaryOperator<String> {
        @Override
        public String apply(String text) {
            calls.incrementAndGet();
            return text.replace(word, "****");
        }
    }

    @Test
    void the_same_mask_given_twice_masks_once_and_adds_no_second_layer() {
        AtomicInteger calls = new AtomicInteger();
        Masking mask = new Masking("Zq81-secret", calls);
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.maskAlso(mask);
            plane.maskAlso(mask);
            plane.maskAlso(new Masking("Zq81-secret", calls));

            assertThat(plane.scrub("failed near Zq81-secret")).isEqualTo("failed near ****");
            assertThat(calls).as("one layer ran").hasValue(1);
            assertThat(plane.maskLayers()).isEqualTo(1);
        }
    }

    @Test
    void masks_of_their_own_each_mask_in_the_order_given() {
        AtomicInteger calls = new AtomicInteger();
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.maskAlso(new Masking("first-secret", calls));
            plane.maskAlso(new Masking("second-secret", calls));
            // Two method references of one object are different objects, neither equal: both are kept, as before.
            UnaryOperator<String> upper = String::toUpperCase;
            plane.maskAlso(upper);

            assertThat(plane.scrub("first-secret and second-secret")).isEqualTo("**** AND ****");
            assertThat(plane.maskLayers()).isEqualTo(3);
        }
    }

    @Test
    void a_webhooks_token_in_its_path_is_kept_masked_in_the_audit_log_the_console_reads() {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.audit().record("ops", "deploy.finished", null, null,
                    "notified https://discord.com/api/webhooks/123456789/Tok3nXyz-abc and got HTTP 401");

            assertThat(plane.audit().newest(1).get(0).details())
                    .isEqualTo("notified https://discord.com/api/**** and got HTTP 401");
        }
    }
}
