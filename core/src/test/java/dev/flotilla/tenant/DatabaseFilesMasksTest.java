package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.testing.PrintedTrace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenants' folder that could not be listed: what it says, and its cause, masked of the secrets the URL template holds. */
class DatabaseFilesMasksTest {
    private static final String SECRET = "Files-S3cretKey";

    @TempDir
    Path folder;

    @Test
    void a_folder_that_cannot_be_listed_says_so_with_the_template_secret_masked_in_it_and_in_its_cause() {
        DatabaseFiles files = DatabaseFiles.of("jdbc:h2:file:" + folder + "/{tenant};CIPHER=AES;FILE_PASSWORD=" + SECRET);
        IOException refused = new AccessDeniedException(folder.toString(), null, "opened as jdbc:h2:file:" + folder
                + "/acme;FILE_PASSWORD=" + SECRET + " by " + SECRET);

        FlotillaException failure = files.unlistable(refused);

        assertThat(failure.code()).isEqualTo(ErrorCode.BAD_CONFIG);
        assertThat(failure.getMessage()).contains("Could not list the folder of tenancy.urlTemplate", "FILE_PASSWORD=****");
        assertThat(PrintedTrace.of(failure)).contains("by ****").doesNotContain(SECRET);
        assertThat(failure.getCause()).isInstanceOf(AccessDeniedException.class);
    }
}
