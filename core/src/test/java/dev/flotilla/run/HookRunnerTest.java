package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HookRunnerTest {
    @Test
    void a_malformed_hook_url_is_a_failed_hook_with_its_token_masked_not_an_internal_error() {
        FlotillaException e = catchThrowableOfType(FlotillaException.class,
                () -> HookRunner.run("http://127.0.0.1:1/x y?token=T0kenXyz", "beforeTenant", "t1", "d1"));

        assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(e.getMessage()).doesNotContain("T0kenXyz").contains("beforeTenant", "not a valid URL", "token=****");
    }

    @Test
    void a_refused_connection_says_so_with_the_host_and_port_and_masks_the_key_and_user_info() {
        FlotillaException e = catchThrowableOfType(FlotillaException.class,
                () -> HookRunner.run("http://ops:Pw0rdXyz@127.0.0.1:1/x?api_key=K3yXyz", "afterTenant", "t1", "d1"));

        assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(e.getMessage()).contains("failed: connection refused by 127.0.0.1:1")
                .doesNotContain("null", "K3yXyz", "Pw0rdXyz", "Exception");
    }

    @Test
    void a_malformed_url_is_found_before_any_run_without_quoting_it() {
        assertThat(Hooks.problemWithUrl("http://h/${tenant} x?sig=S1gXyz")).hasValueSatisfying(problem ->
                assertThat(problem).contains("not a valid URL").doesNotContain("S1gXyz"));
        assertThat(Hooks.problemWithUrl("https://h/hook?tenant=${tenant}&deployment=${deployment}")).isEmpty();
        assertThat(Hooks.problemWithUrl("echo ${tenant} > x y")).as("a shell command").isEmpty();
    }

    @Test
    void a_hook_killed_at_its_timeout_shows_what_it_printed_masked() {
        // Killed by the timeout, not ended by itself: without its words, nobody can tell where it hung.
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "echo 'draining app-3 at http://lb.local/drain?token=T0kenXyz'; sleep 1000", "beforeTenant", "t1", "d1", Duration.ofSeconds(2)));

        assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(e.getMessage()).contains("still running after 2 s, killed; it printed: draining app-3 at http://lb.local/drain?****")
                .doesNotContain("T0kenXyz");
    }

    @Test
    void masking_a_secret_in_a_failing_hooks_output_keeps_the_punctuation_after_it() {
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "echo 'Refused by http://lb.local/drain?token=T0kenXyz. Retry later!'; exit 3", "afterTenant", "t1", "d1"));

        assertThat(e.getMessage()).contains("exit 3: Refused by http://lb.local/drain?****. Retry later!").doesNotContain("T0kenXyz");
    }

    @Test
    void the_tail_of_a_long_output_is_cut_after_masking_so_no_part_of_a_secret_is_left() {
        // 520 characters, the last 500 of which start inside the token's value.
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "printf 'http://h/?token=T0kenXyz %0495d' 0; exit 4", "afterTenant", "t1", "d1"));

        assertThat(e.getMessage()).contains("exit 4: ...").doesNotContain("Xyz");
    }

    @Test
    void a_failing_hook_sending_a_bearer_token_in_a_header_shows_it_masked_in_its_command_and_its_output() {
        // A stand-in for curl -v; the command line is quoted in the error, which the console's deployment page shows to every role.
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "echo '> Authorization: Basic dXNlcjpQdzB4eXo='; true -H 'Authorization: Bearer T0kenXyz.b64' http://127.0.0.1:1/x"
                        + " && exit 7", "afterDeployment", null, "d1"));

        assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(e.getMessage()).contains("Authorization: Bearer ****'", "exit 7", "> Authorization: Basic ****")
                .doesNotContain("T0kenXyz", "dXNlcjpQdzB4eXo");
    }

    @Test
    void a_failing_webhooks_secret_path_is_masked_in_its_url_and_where_its_answer_quotes_it() {
        FlotillaException e = catchThrowableOfType(FlotillaException.class,
                () -> HookRunner.run("http://127.0.0.1:1/services/T000/B000/XXXXXXXXsecret", "afterTenant", "t1", "d1"));

        assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(e.getMessage()).contains("`http://127.0.0.1:1/services/****` failed: connection refused by 127.0.0.1:1")
                .doesNotContain("XXXXXXXXsecret", "B000");
    }

    @Test
    void a_shell_hook_posting_to_a_webhook_shows_its_url_masked_in_its_command_and_its_output() {
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "echo 'posting to https://ops.example.com/notify/acme/Tok3nXyz9f8e'; exit 5 # https://ops.example.com/notify/acme/Tok3nXyz9f8e",
                "beforeTenant", "t1", "d1"));

        assertThat(e.getMessage()).contains("exit 5: posting to https://ops.example.com/notify/****").doesNotContain("Tok3nXyz");
    }

    @Test
    void a_long_output_whose_last_500_characters_start_inside_one_of_the_hooks_urls_shows_it_masked() {
        // The URL is the hook's own (its command's), not a webhook's by its name: masked as the hook's, past its first
        // segment. 510 characters as printed, the last 500 starting inside the URL, where it was not recognised.
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "U=https://ops.example.com/notify/acme/Tok3nXyz9f8e; printf '%s %0461d' \"$U\" 0; exit 6",
                "afterTenant", "t1", "d1"));

        assertThat(e.getMessage()).contains("exit 6: https://ops.example.com/notify/**** 000").doesNotContain("Tok3nXyz");
    }

    @Test
    void a_long_output_is_cut_between_words_so_that_no_part_of_a_password_it_printed_is_left_to_read() {
        // The hook does not know the target's password: what keeps the message masks it later, where it stands whole.
        // 510 characters: the last 500 start inside it.
        String password = "Sup3rSecretXyz";
        FlotillaException e = catchThrowableOfType(FlotillaException.class, () -> HookRunner.run(
                "printf '" + password + " %0495d' 0; exit 4", "afterTenant", "t1", "d1"));

        assertThat(dev.flotilla.target.Secret.of(password).scrub(e.getMessage())).contains("exit 4: ...000")
                .doesNotContain("Xyz");
    }

    @Test
    void a_long_answer_of_one_word_is_cut_where_one_of_its_values_starts_or_not_shown() {
        String json = "{\"token\":\"Sup3rSecretXyz\",\"detail\":\"" + "x".repeat(480) + "\"}";

        assertThat(HookRunner.tail(json, "https://h.example.com/a")).startsWith("...detail\":\"xxx").doesNotContain("Xyz");
        assertThat(HookRunner.tail("Sup3rSecretXyz".repeat(40), "https://h.example.com/a")).isEqualTo(
                "... (560 characters, not shown: no place to cut them)");
    }
}
