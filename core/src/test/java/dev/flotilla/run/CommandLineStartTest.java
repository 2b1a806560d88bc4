package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.Runner;
import org.junit.jupiter.api.Test;

class CommandLineStartTest {
    @Test
    void says_the_selection_and_this_process_and_reads_them_back_from_a_deploy_started_entry() {
        Runner.Label here = Runner.Label.parse(Runner.current()).orElseThrow();
        String details = "3 tenant(s); concurrency=8 perServer=4 upTo=3; " + CommandLineStart.here("--tenants t00,t01").asked();

        assertThat(details).endsWith("; --tenants t00,t01; from " + here.host() + ", process " + here.pid());
        assertThat(CommandLineStart.in(details)).contains(new CommandLineStart("--tenants t00,t01", here.host(), here.pid()));
    }

    @Test
    void finds_nothing_in_an_entry_the_console_or_an_older_flotilla_wrote() {
        assertThat(CommandLineStart.in("3 tenant(s); concurrency=8 perServer=4 upTo=3")).isEmpty();
        assertThat(CommandLineStart.in(null)).isEmpty();
    }
}
