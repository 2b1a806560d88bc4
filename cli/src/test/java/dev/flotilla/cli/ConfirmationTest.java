package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The question before a command changes tenants, answered from given lines as on a terminal: yes goes ahead, anything else
 * (an empty line, the input's end) stops it; with --json, or with no terminal (this test's JVM has none), it is not asked
 * and --yes is needed.
 */
class ConfirmationTest {
    private static final String NO_TERMINAL = "deploy would change 1 tenant(s) and there is no terminal to confirm on: pass --yes.";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void yes_in_any_case_goes_ahead_after_the_question_is_shown() {
        for (String yes : new String[] {"y\n", "yes\n", " Y\n", "Yes"}) {
            assertThatCode(() -> ask(answering(yes))).as(yes).doesNotThrowAnyException();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Deploy 2 to 1 tenant(s)? [y/N] Deploy 2");
    }

    @Test
    void anything_but_yes_stops_the_command_saying_what_was_not_done() {
        for (String other : new String[] {"n\n", "\n", "", "maybe\n", "ok\n"}) {
            assertThatThrownBy(() -> ask(answering(other))).as(other).isInstanceOf(FlotillaException.class)
                    .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE))
                    .hasMessage("Not confirmed; nothing was deployed.");
        }
    }

    @Test
    void with_json_the_question_is_not_asked_and_yes_is_needed() {
        Output json = answering("y\n");
        json.configure(true, false, false, false);

        assertThatThrownBy(() -> ask(json)).isInstanceOf(FlotillaException.class).hasMessage(NO_TERMINAL);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void without_a_terminal_the_question_is_not_asked_and_yes_is_needed() {
        Output noTerminal = new Output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThatThrownBy(() -> ask(noTerminal)).isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessage(NO_TERMINAL);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void ask(Output output) {
        Confirmation.ask(output, "Deploy 2 to 1 tenant(s)?", NO_TERMINAL, "nothing was deployed");
    }

    private Output answering(String typed) {
        PrintStream shown = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Output(shown, new PrintStream(new ByteArrayOutputStream()),
                Answers.from(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), shown));
    }
}
