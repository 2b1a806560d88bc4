package dev.flotilla.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WallClockTextTest {
    @Test
    void readsEachServersTextOfATimestamp() {
        assertEquals(LocalDateTime.of(2026, 12, 6, 14, 3, 11, 250_000_000), WallClockText.read("2026-12-06 14:03:11.25"));
        assertEquals(LocalDateTime.of(2026, 12, 6, 14, 3, 11, 250_000_000),
                WallClockText.read("2026-12-06 14:03:11.250000"));
        assertEquals(LocalDateTime.of(2026, 3, 29, 2, 30), WallClockText.read("2026-03-29 02:30:00"));
        assertEquals(LocalDateTime.of(2026, 3, 29, 2, 30, 0, 1), WallClockText.read("2026-03-29T02:30:00.000000001"));
        assertEquals(LocalDateTime.of(1999, 1, 1, 0, 0, 0, 900_000_000), WallClockText.read("1999-01-01 00:00:00.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06 14:03:11+01:00", "2026-12-06 14:03:11.25Z", "2026-12-06 14:03:11.", "2026-12-06",
            "2026-12-06 14:03", "2026/12/06 14:03:11", "2026-13-06 14:03:11", "2026-02-30 14:03:11", "2026-12-06 24:00:00",
            "2026-12-06 14:03:1x", "+12026-12-06 14:03:11", " 2026-12-06 14:03:11", "2026-12-06 14:03:11.1234567890"})
    void leavesEverythingElseToTheFormatter(String text) {
        assertNull(WallClockText.read(text));
    }

    @Test
    void agreesWithTheFormatterOnEveryFractionLength() {
        LocalDateTime time = LocalDateTime.of(2026, 10, 25, 2, 59, 59, 123_456_789);
        for (int places = 0; places <= 9; places++) {
            String pattern = "yyyy-MM-dd HH:mm:ss" + (places == 0 ? "" : "." + "S".repeat(places));
            String text = time.format(DateTimeFormatter.ofPattern(pattern));
            assertEquals(LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern)), WallClockText.read(text), text);
        }
    }
}
