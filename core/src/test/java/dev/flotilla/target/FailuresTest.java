package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void a_drivers_sentence_keeps_its_own_full_stop_and_gets_no_second() {
        assertThat(Failures.sentence("Hint: Use DROP ... CASCADE to drop the dependent objects too.\n"))
                .isEqualTo("Hint: Use DROP ... CASCADE to drop the dependent objects too.");
    }

    @Test
    void a_drivers_text_without_a_full_stop_gets_one() {
        assertThat(Failures.sentence("ERROR: relation \"x\" does not exist")).isEqualTo("ERROR: relation \"x\" does not exist.");
        assertThat(Failures.sentence(null)).isEqualTo("null.");
    }

    @Test
    void a_refused_password_written_in_the_url_is_said_to_come_from_the_url_not_to_be_missing() {
        FlotillaException e = Failures.connecting(new TargetSpec("jdbc:postgresql://db/app?pwd=S3cretXyz#frag", "app", null,
                null, null), new SQLException("FATAL: password authentication failed for user \"app\"", "28P01"));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains("the password written in the URL (pwd;", "password=").doesNotContain("none was",
                "S3cretXyz");
    }

    private static FlotillaException fileOpenElsewhere(String url) {
        return Failures.connecting(new TargetSpec(url, null, null, null, null),
                new SQLException("Database may be already in use", "90020", 90020));
    }

    @Test
    void an_h2_file_held_by_a_program_that_did_not_ask_to_share_it_says_that_program_must() {
        FlotillaException e = fileOpenElsewhere("jdbc:h2:file:/srv/.flotilla/control;AUTO_SERVER=TRUE;WRITE_DELAY=0");

        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(e.getMessage()).contains("Flotilla's URL asks for that already", "have it open the file with ;AUTO_SERVER=TRUE")
                .doesNotContain("tenancy.urlTemplate");
    }

    @Test
    void an_h2_file_flotilla_opens_alone_names_every_setting_that_can_share_it() {
        FlotillaException e = fileOpenElsewhere("jdbc:h2:file:/srv/tenants/a");

        assertThat(e.getMessage()).contains("add ;AUTO_SERVER=TRUE to the URL", "tenancy.urlTemplate", "controlPlane.url");
    }

    @Test
    void a_host_name_no_one_can_resolve_is_named_as_such_by_both_server_drivers() {
        for (String url : java.util.List.of("jdbc:postgresql://nosuchhost.invalid:5432/app",
                "jdbc:mariadb://nosuchhost.invalid:3306/app")) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> java.sql.DriverManager.getConnection(url, "app", "").close());

            FlotillaException e = Failures.connecting(new TargetSpec(url, "app", null, null, null), refused);

            assertThat(e.code()).as(url).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.getMessage()).as(url).contains("Cannot connect to " + url, "the host name nosuchhost.invalid cannot"
                    + " be resolved", "Check the host name in the URL").doesNotContain("Check that the server is running");
        }
    }
}
