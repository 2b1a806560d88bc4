package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text of {@code status --fleet} on an embedded control plane whose tenants' states and times are set by hand: the
 * whole table and summary, byte for byte, as the user reads it (the command's speed work must not change a character).
 */
class CliFleetStatusTableIT {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of(TimeZone.getDefault().getID()));

    @TempDir
    java.nio.file.Path temp;

    private record State(String id, String status, String version, Integer pending, String deployment, Instant checked,
                         String error) {
    }

    @Test
    void prints_every_tenant_its_state_and_the_local_time_it_was_checked_to_the_second_or_never() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.h2(temp);
        Instant base = Instant.parse("2026-03-29T00:59:59.900Z");
        List<State> states = List.of(
                new State("acme", "up-to-date", "2", 0, "d-1", base, null),
                new State("beta", "pending", "1", 1, "d-1", base.plusMillis(50), null),
                new State("gamma", "failed", "1", 1, "d-2", base.plusMillis(150), "V2__tags.sql failed at statement 1: "
                        + "x".repeat(200) + ". Repair it with `flotilla repair --tenants gamma`"),
                new State("delta", "unknown", null, null, null, base.minusSeconds(86_400 * 40), null),
                new State("zeta", "pending", "1", 1, null, base.plusSeconds(3_600), "first line\nsecond line"));
        for (State state : states) {
            assertThat(fleet.run("tenants", "add", state.id()).exitCode()).isZero();
        }
        try (Connection plane = DriverManager.getConnection("jdbc:h2:file:" + temp.resolve(".flotilla/control"), "sa", "");
             PreparedStatement update = plane.prepareStatement("UPDATE tenants SET status = ?, current_version = ?,"
                     + " pending_count = ?, last_deployment = ?, updated_at = ?, last_error = ? WHERE id = ?")) {
            for (State s : states) {
                update.setString(1, s.status());
                update.setString(2, s.version());
                update.setObject(3, s.pending());
                update.setString(4, s.deployment());
                update.setObject(5, s.checked().atOffset(ZoneOffset.ofHours(2)));
                update.setString(6, s.error());
                update.setString(7, s.id());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }

        CliRun status = fleet.run("status", "--fleet", "--no-color");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(expected(states));
    }

    /** The table written out here with java.time's formatter, columns two spaces apart and as wide as their widest cell. */
    private static String expected(List<State> states) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Tenant", "Status", "Version", "Pending", "Last deployment", "Checked", "Error"});
        states.stream().sorted(java.util.Comparator.comparing(State::id)).forEach(s -> rows.add(new String[] {s.id(),
                s.status(), s.version() == null ? "-" : s.version(), s.pending() == null ? "unknown" : s.pending().toString(),
                s.deployment() == null ? "" : s.deployment(), s.status().equals("unknown") ? "never" : LOCAL.format(s.checked()),
                s.error() == null ? "" : FleetStatus.shortened(s.error().lines().findFirst().orElseThrow())}));
        int[] widths = new int[7];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text + "5 tenant(s): 1 failed, 2 pending, 1 unknown, 1 up-to-date (as last seen; --live re-reads every target)\n";
    }
}
