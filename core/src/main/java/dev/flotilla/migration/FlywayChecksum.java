package dev.flotilla.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a script: CRC32 over the UTF-8 bytes of its lines without their line breaks (a BOM
 * removed), as a signed int. Equal to the recorded one when the file is unchanged since Flyway applied it. An
 * adopted file that differed from what Flyway ran is recorded with {@link #PREFIX} and Flyway's checksum, and
 * matches again once the file is what Flyway ran.
 */
public final class FlywayChecksum {
    /** What a recorded checksum taken from Flyway's history starts with: {@code flyway-crc32:-956725995}. */
    public static final String PREFIX = "flyway-crc32:";

    private FlywayChecksum() {
    }

    /** How a history records Flyway's checksum {@code crc32}. */
    public static String recorded(int crc32) {
        return PREFIX + crc32;
    }

    /** Whether {@code recorded} is a Flyway checksum and {@code script}'s Flyway checksum is that one. */
    static boolean matches(String script, String recorded) {
        if (recorded == null || !recorded.startsWith(PREFIX)) {
            return false;
        }
        try {
            return of(script) == Integer.parseInt(recorded.substring(PREFIX.length()));
        } catch (NumberFormatException notFlyways) {
            return false;
        }
    }

    public static int of(String script) {
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
