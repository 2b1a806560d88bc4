package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaChangesTest {
    private static final SchemaChanges SERIALS = new SchemaChanges(List.of(
            new DdlObject(Kind.CONSTRAINT, false, "uniq_ticket_seq"), new DdlObject(Kind.INDEX, false, "uniq_ticket_seq"),
            new DdlObject(Kind.INDEX, false, "idx_ticket_unspawned"), new DdlObject(Kind.TABLE, false, "serial_link_outbox"),
            new DdlObject(Kind.TABLE, false, "token_spawn_log"), new DdlObject(Kind.TABLE, false, "serial_quarantine"),
            new DdlObject(Kind.TABLE, true, "old_log")));

    @Test
    void what_a_tasks_log_says_it_created_is_read_back_from_it_among_its_other_lines() {
        StringBuilder log = new StringBuilder("V1__serials.sql: applied in 12 ms\n  #1 line 3: 4 ms, 0 row(s)\n");
        SERIALS.appendTo(log).append("notice: db (schema t_a) has tables but no history table\nup to date: nothing to apply\n");

        assertThat(log.toString()).contains("  tables created: serial_link_outbox, token_spawn_log, serial_quarantine\n",
                "  indexes added: uniq_ticket_seq, idx_ticket_unspawned\n", "  constraints added: uniq_ticket_seq\n",
                "  dropped: table old_log\n");
        assertThat(SchemaChanges.inLog(log.toString()).summary()).isEqualTo(SERIALS.summary());
        assertThat(SchemaChanges.inLog(log.toString()).summary()).containsExactly(
                java.util.Map.entry("tablesCreated", List.of("serial_link_outbox", "token_spawn_log", "serial_quarantine")),
                java.util.Map.entry("indexesAdded", List.of("uniq_ticket_seq", "idx_ticket_unspawned")),
                java.util.Map.entry("constraintsAdded", List.of("uniq_ticket_seq")),
                java.util.Map.entry("dropped", List.of("table old_log")));
        assertThat(SchemaChanges.inLog("V1__a.sql: applied in 1 ms\n  #1 line 1: 1 ms\n")).isEqualTo(SchemaChanges.NONE);
        assertThat(SchemaChanges.inLog(null).summary()).isEmpty();
    }

    @Test
    void a_deployments_changes_are_grouped_with_how_many_tenants_made_each() {
        SchemaChanges one = new SchemaChanges(List.of(new DdlObject(Kind.TABLE, false, "serial_link_outbox")));

        assertThat(SchemaChanges.grouped(List.of(SERIALS, SERIALS, one, SchemaChanges.NONE))).containsExactly(
                "Tables created: serial_link_outbox on 3 tenant(s); token_spawn_log, serial_quarantine on 2 tenant(s)",
                "Indexes added: uniq_ticket_seq, idx_ticket_unspawned on 2 tenant(s)",
                "Constraints added: uniq_ticket_seq on 2 tenant(s)",
                "Dropped: table old_log on 2 tenant(s)");
        assertThat(SchemaChanges.grouped(List.of(SchemaChanges.NONE))).isEmpty();
    }
}
