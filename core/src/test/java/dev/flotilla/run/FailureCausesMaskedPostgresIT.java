package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the driver said of a failure is kept as its cause, masked as the failure's message is: an application printing the
 * stack of what the engine threw sees no password. Here the PostgreSQL driver quotes a URL it cannot parse (a slash
 * missing after the port, the test server's existing user and a password written in it) whole.
 */
class FailureCausesMaskedPostgresIT {
    private static final String SECRET = "Pw9Cause-" + UUID.randomUUID();
    private static final String URL = TestDatabases.POSTGRES_URL.substring(0, TestDatabases.POSTGRES_URL.lastIndexOf('/'))
            + "?user=" + TestDatabases.POSTGRES_USER + "&password=" + SECRET;

    @TempDir
    Path temp;

    @Test
    void a_url_the_driver_cannot_parse_fails_with_its_password_masked_in_the_message_and_the_causes() {
        Path folder = new MigrationFolder(temp.resolve("migrations")).write("V1__notes.sql", "CREATE TABLE notes (id INT);\n")
                .path();
        Flotilla flotilla = Flotilla.load(TargetOptions.of(new TargetSpec(URL, null, null, "flp_unused", null), folder));

        assertThatThrownBy(flotilla::status).isInstanceOfSatisfying(FlotillaException.class, failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(failure.getMessage()).contains("Unable to parse URL", "password=****");
            assertThat(failure.getCause()).as("the driver's exception, kept").isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("password=****");
            assertThat(traceOf(failure)).doesNotContain(SECRET);
        });
    }

    private static String traceOf(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
