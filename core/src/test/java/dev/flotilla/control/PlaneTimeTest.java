package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the plane's times are read back from H2, whose driver gives the instant itself. */
class PlaneTimeTest {
    @Test
    void reads_a_time_written_with_any_offset_as_the_same_instant_to_the_nanosecond_and_null_as_null() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plane_time_test", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, at TIMESTAMP(9) WITH TIME ZONE)");
            s.execute("INSERT INTO t VALUES (1, TIMESTAMP WITH TIME ZONE '2026-03-29 02:59:59.123456789+05:30'),"
                    + " (2, TIMESTAMP WITH TIME ZONE '1969-12-31 23:59:59.5-11:00'), (3, NULL)");
            try (ResultSet r = s.executeQuery("SELECT at FROM t ORDER BY id")) {
                assertThat(r.next()).isTrue();
                assertThat(PlaneTime.read(r, 1)).isEqualTo(Instant.parse("2026-03-28T21:29:59.123456789Z"));
                assertThat(r.next()).isTrue();
                assertThat(PlaneTime.read(r, 1)).isEqualTo(Instant.parse("1970-01-01T10:59:59.5Z"));
                assertThat(r.next()).isTrue();
                assertThat(PlaneTime.read(r, 1)).isNull();
            }
        }
    }
}
