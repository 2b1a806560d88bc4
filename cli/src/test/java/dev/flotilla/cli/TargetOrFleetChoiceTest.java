package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A command that works on one target or on tenants of the fleet says which of the two it was not given. */
class TargetOrFleetChoiceTest {
    private static final List<List<String>> COMMANDS = List.of(List.of("verify"), List.of("drift"), List.of("repair"),
            List.of("dry-run"), List.of("baseline", "--version", "1"));

    @Test
    void given_neither_a_url_nor_tenants_it_asks_for_one_of_them_without_calling_them_both() {
        for (List<String> command : COMMANDS) {
            CliRun run = CliRun.of(command.toArray(String[]::new));

            assertThat(run.exitCode()).as(command.toString()).isEqualTo(2);
            assertThat(run.err()).as(command.toString()).contains("BAD_USAGE", "Say where to " + command.get(0)
                    + ": one target with --url, or tenants with --tenants, --group or --all").doesNotContain("not both");
        }
    }

    @Test
    void given_both_a_url_and_tenants_it_says_not_both() {
        for (List<String> command : COMMANDS) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--url", "jdbc:sqlite:unused.db", "--all"));
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(command.toString()).isEqualTo(2);
            assertThat(run.err()).as(command.toString()).contains("BAD_USAGE", "--url and --tenants, --group or --all",
                    "not both");
        }
    }
}
