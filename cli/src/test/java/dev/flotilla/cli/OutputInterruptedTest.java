package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Output#interrupted} and {@link Output#finish} print one JSON document between them, whichever comes first, with the
 * warnings said before it.
 */
class OutputInterruptedTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Output output = new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);

    @Test
    void a_signal_before_the_document_prints_interrupted_and_the_command_s_own_document_is_dropped_with_the_signal_s_exit() {
        output.configure(true, false, false, false);

        output.interrupted("plan", "SIGTERM", 143);
        int exit = output.finish("plan", Map.of(), List.of());

        assertThat(exit).isEqualTo(143);
        assertThat(printed()).hasLineCount(1).startsWith("{\"ok\":false,\"command\":\"plan\"")
                .contains("\"code\":\"INTERRUPTED\"").contains("ended by SIGTERM");
    }

    @Test
    void a_signal_after_the_document_adds_nothing() {
        output.configure(true, false, false, false);

        int exit = output.finish("plan", Map.of(), List.of());
        output.interrupted("plan", "SIGINT", 130);

        assertThat(exit).isZero();
        assertThat(printed()).hasLineCount(1).startsWith("{\"ok\":true");
    }

    @Test
    void a_warning_said_on_stderr_is_also_in_the_json_document() throws Exception {
        output.configure(true, false, false, false);

        output.warn("db/test-migrations: is a test-only folder: its migrations (988_x.sql) run on every target");
        output.finish("status", Map.of(), List.of());

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(printed()).at("/warnings").toString())
                .isEqualTo("[\"db/test-migrations: is a test-only folder: its migrations (988_x.sql) run on every target\"]");
    }

    @Test
    void a_document_without_a_warning_has_no_warnings() {
        output.configure(true, false, false, false);

        output.finish("status", Map.of(), List.of());

        assertThat(printed()).doesNotContain("warnings");
    }

    @Test
    void text_output_prints_no_document_on_a_signal() {
        output.configure(false, false, false, false);

        output.interrupted("plan", "SIGINT", 130);

        assertThat(printed()).isEmpty();
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
