package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

    @Test
    void pads_columns_to_their_widest_cell_and_leaves_no_trailing_blanks() {
        Table.print(output, new String[] {"Tenant", "Status", "Error"}, List.of(
                new String[] {"acme", "ok", ""},
                new String[] {"globex-eu", "failed", "lock timeout  "}));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Tenant     Status  Error
                acme       ok
                globex-eu  failed  lock timeout
                """);
    }

    @Test
    void colour_codes_take_no_width() {
        Table.print(output, new String[] {"A", "B"}, List.<String[]>of(new String[] {"\u001b[31mred\u001b[0m", "x"}, new String[] {"plain", "y"}));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("A      B\n\u001b[31mred\u001b[0m    x\nplain  y\n");
    }

    @Test
    void a_long_table_is_printed_whole_across_its_blocks() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(new String[] {"tenant" + i, "ok"});
        }

        Table.print(output, new String[] {"Tenant", "Status"}, rows);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(10_001);
        assertThat(lines.get(1)).isEqualTo("tenant0     ok");
        assertThat(lines.get(10_000)).isEqualTo("tenant9999  ok");
    }
}
