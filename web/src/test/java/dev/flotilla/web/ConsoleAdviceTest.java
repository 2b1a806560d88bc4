package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.Test;

class ConsoleAdviceTest {
    @Test
    void a_command_the_console_has_a_button_for_is_said_as_that_button_with_the_command_as_a_hint() {
        assertThat(ConsoleAdvice.text(Advice.of("then ", Remedy.retryFailed("d-12"), ".")))
                .isEqualTo("then “Retry failed” on deployment d-12's page (on the command line: `flotilla deploy"
                        + " --retry-failed d-12`).");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("deploy", "--resume", "d-12", "--continue-on-error"))))
                .startsWith("“Resume past failures” on deployment d-12's page");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("repair").forTenant(TenantId.of("acme")))))
                .isEqualTo("“Repair acme” on tenant acme's page (on the command line: `flotilla repair --tenants acme`)");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("status", "--fleet")))).startsWith("the dashboard (on the command line");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("deploy").forTenant(TenantId.of("acme")))))
                .isEqualTo("a deploy from the migration wizard (on the command line: `flotilla deploy --tenants acme`)");
    }

    @Test
    void a_command_only_the_command_line_has_stays_as_it_runs() {
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("repair", "--mark-applied", "7").forTenant(TenantId.of("acme")))))
                .isEqualTo("`flotilla repair --tenants acme --mark-applied 7`");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.retryFailed("d-12", "--statement-timeout", "1h"))))
                .as("the retry form has no such timeout preset").isEqualTo("`flotilla deploy --retry-failed d-12 --statement-timeout 1h`");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.retryFailed(Remedy.THIS_DEPLOYMENT))))
                .as("no deployment known: no page to name").isEqualTo("`flotilla deploy --retry-failed ID`");
    }

    @Test
    void a_message_whose_commands_are_text_is_read_for_them_as_a_kept_error_is() {
        assertThat(ConsoleAdvice.text(Advice.plain("Then run `flotilla repair --tenants m07 --rerun-from-start`.")))
                .isEqualTo("Then run “Repair m07” on tenant m07's page, its --rerun-from-start box ticked (on the command"
                        + " line: `flotilla repair --tenants m07 --rerun-from-start`).");
    }

    @Test
    void a_rollbacks_resume_and_a_deployments_rollback_are_said_as_their_pages_buttons() {
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("rollback", "--resume", "d-13"), " runs the rest.")))
                .isEqualTo("“Resume” on rollback d-13's page (on the command line: `flotilla rollback --resume d-13`)"
                        + " runs the rest.");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("rollback", "--deployment", "d-12"))))
                .isEqualTo("“Roll back” on deployment d-12's page (on the command line: `flotilla rollback --deployment d-12`)");
        assertThat(ConsoleAdvice.text(Advice.of(Remedy.of("rollback", "--deployment", "d-12", "--force"))))
                .as("no button forces it").isEqualTo("`flotilla rollback --deployment d-12 --force`");
    }

    @Test
    void a_refusal_naming_deployments_show_and_a_rollbacks_resume_as_text_names_the_pages() {
        String stopRefused = "Cannot stop deployment d-13: it is not running, it was stopped already. `flotilla rollback"
                + " --resume d-13` continues it. See `flotilla deployments show d-13`.";

        assertThat(ConsoleAdvice.text(Advice.plain(stopRefused))).isEqualTo("Cannot stop deployment d-13: it is not"
                + " running, it was stopped already. “Resume” on rollback d-13's page (on the command line: `flotilla"
                + " rollback --resume d-13`) continues it. See deployment d-13's page (on the command line: `flotilla"
                + " deployments show d-13`).");
    }
}
