package dev.flotilla.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a script: CRC32 over the UTF-8 bytes of its lines without their line breaks (a BOM
 * removed), as a signed int. Equal to the recorded one when the file is unchanged since Flyway applied it.
 */
final class FlywayChecksum {
    private FlywayChecksum() {
    }

    static int of(String script) {
        CRC32 crc32 = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc32.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc32.getValue();
    }
}
