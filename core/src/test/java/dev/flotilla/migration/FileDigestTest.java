package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FileDigestTest {
    private static final String SQL = "CREATE TABLE notes (id INT);\nCREATE INDEX notes_id ON notes (id);\n";

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_tools_sha256_sha1_or_md5_in_hex_of_either_line_ending_matches_the_file_and_anything_else_is_no_digest() throws Exception {
        String crlf = hex("SHA-256", SQL.replace("\n", "\r\n"));

        assertThat(FileDigest.matchesDigest(SQL, FileDigest.parse(" " + crlf.toUpperCase() + " "))).isTrue();
        assertThat(FileDigest.matchesDigest(SQL, FileDigest.parse(hex("SHA-1", SQL)))).isTrue();
        assertThat(FileDigest.matchesDigest(SQL, FileDigest.parse(hex("MD5", SQL)))).isTrue();
        assertThat(FileDigest.matchesDigest(SQL + "-- edited\n", FileDigest.parse(hex("SHA-256", SQL)))).isFalse();
        assertThat(FileDigest.parse("12345")).as("a number, not a digest").isNull();
        assertThat(FileDigest.parse("z".repeat(64))).as("not hex").isNull();
        assertThat(FileDigest.parse(null)).isNull();
    }

    @Test
    void a_recorded_digest_fits_the_history_and_matches_the_file_the_tool_ran_and_no_other() throws Exception {
        String recorded = FileDigest.recorded(hex("SHA-256", SQL));

        assertThat(recorded).startsWith("sha256:").hasSizeLessThanOrEqualTo(64);
        assertThat(FileDigest.matches(SQL, recorded)).isTrue();
        assertThat(FileDigest.matches(SQL.replace("\n", "\r\n"), recorded)).isTrue();
        assertThat(FileDigest.matches(SQL + "-- edited\n", recorded)).isFalse();
        assertThat(FileDigest.matches(SQL, "sha256:")).as("nothing kept matches nothing").isFalse();
        assertThat(FileDigest.matches(SQL, "flyway-crc32:12")).isFalse();
        assertThat(FileDigest.recordedNow(SQL + "-- edited\n", recorded)).startsWith("sha256:").isNotEqualTo(recorded);
        assertThat(FileDigest.recorded(hex("MD5", SQL))).isEqualTo("md5:" + hex("MD5", SQL));
    }
}
