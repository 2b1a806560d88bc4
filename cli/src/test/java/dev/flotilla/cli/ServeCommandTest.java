package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void a_console_bound_where_other_machines_reach_it_warns_that_it_speaks_plain_http() {
        assertThat(ServeCommand.plainHttpWarning("0.0.0.0")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("plain HTTP", "--host 0.0.0.0", "TLS reverse proxy", "bind 127.0.0.1"));
        assertThat(ServeCommand.plainHttpWarning("::")).isPresent();
    }

    @Test
    void a_console_bound_to_this_machine_only_gives_no_warning() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(ServeCommand.plainHttpWarning(host)).as(host).isEmpty();
        }
    }
}
