package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {
    @TempDir
    Path home;

    @Test
    void a_line_quoting_an_exception_is_masked_as_the_pages_are() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.maskAlso(text -> text.replace("TenancyS3cretXyz", "****"));
            ConsoleLog log = new ConsoleLog(plane::scrub, new PrintStream(printed, true, StandardCharsets.UTF_8));

            log.line("GET /deployments failed: java.sql.SQLException: cannot reach"
                    + " jdbc:postgresql://db:5432/app?user=ops&password=UrlS3cretXyz (as ops/TenancyS3cretXyz)");
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("flotilla console: GET /deployments failed: ")
                .contains("password=****", "ops/****").doesNotContain("UrlS3cretXyz", "TenancyS3cretXyz");
    }
}
