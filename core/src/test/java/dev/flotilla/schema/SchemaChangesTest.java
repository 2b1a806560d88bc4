package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import dev.flotilla.sql.DdlReading;
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

    private static final DdlReading SQLITE = DdlReading.of(dev.flotilla.sql.Dialect.forUrl("jdbc:sqlite:x.db"));

    private static SchemaChanges ran(String... statements) {
        return StatementsRan.ran(SQLITE, statements);
    }

    @Test
    void sqlites_table_rebuild_reads_as_the_table_recreated_not_a_table_created_and_one_dropped() {
        SchemaChanges rebuild = ran("CREATE TABLE new_serials (id INTEGER PRIMARY KEY, status TEXT NOT NULL)",
                "INSERT INTO new_serials SELECT id, status FROM serials", "DROP TABLE serials",
                "ALTER TABLE new_serials RENAME TO serials", "CREATE INDEX idx_status ON serials (status)");

        assertThat(rebuild.lines()).containsExactly("Indexes added: idx_status", "Recreated: table serials");
        assertThat(rebuild.summary()).containsEntry("recreated", List.of("table serials")).doesNotContainKey("dropped");
        assertThat(ran("CREATE TABLE scratch (id INT)", "DROP TABLE scratch").isEmpty()).as("neither").isTrue();
        assertThat(ran("ALTER TABLE serials RENAME TO serial_numbers").lines())
                .containsExactly("Renamed: table serials to serial_numbers");
        assertThat(ran("CREATE TABLE a (id INT)", "ALTER TABLE a ADD COLUMN note TEXT", "ALTER TABLE a RENAME TO b").lines())
                .as("its column follows it").containsExactly("Tables created: b", "Columns added: b.note");
    }

    @Test
    void what_one_migration_created_and_the_next_dropped_is_neither_in_the_tasks_log() {
        StringBuilder log = new StringBuilder("V1__a.sql: applied in 1 ms\n");
        ran("CREATE TABLE new_log (id INT)", "CREATE TABLE kept (id INT)").appendTo(log);
        log.append("V2__b.sql: applied in 1 ms\n");
        ran("DROP TABLE old_log", "ALTER TABLE new_log RENAME TO old_log").appendTo(log);
        log.append("V3__c.sql: applied in 1 ms\n");
        ran("DROP TABLE kept").appendTo(log);

        assertThat(log.toString()).as("each migration says its own").contains("  renamed: table new_log to old_log\n"
                + "  dropped: table old_log\n");
        assertThat(SchemaChanges.inLog(log.toString()).summary())
                .containsExactly(java.util.Map.entry("recreated", List.of("table old_log")));
    }

    @Test
    void if_not_exists_says_created_or_already_there_and_an_ensured_one_already_made_is_said_once() {
        SchemaChanges ensured = ran("CREATE TABLE IF NOT EXISTS outbox (id INT)", "CREATE TABLE log (id INT)",
                "CREATE TABLE IF NOT EXISTS log (id INT)");

        assertThat(ensured.lines()).containsExactly("Tables created: log", "Created or already there: table outbox");
        assertThat(ensured.summary()).containsExactly(java.util.Map.entry("tablesCreated", List.of("log")),
                java.util.Map.entry("ensured", List.of("table outbox")));
        assertThat(SchemaChanges.grouped(List.of(ensured, ensured))).contains("Created or already there: table outbox on 2"
                + " tenant(s)");
        assertThat(SchemaChanges.inLog(ensured.appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n")).toString())
                .summary()).isEqualTo(ensured.summary());
    }

    @Test
    void create_or_replace_says_created_or_replaced_as_it_may_have_replaced_one() {
        SchemaChanges replaced = ran("CREATE OR REPLACE VIEW open_serials AS SELECT id FROM serials",
                "CREATE VIEW shipped AS SELECT id FROM serials");

        assertThat(replaced.lines()).containsExactly("Views created: shipped", "Created or replaced: view open_serials");
        assertThat(replaced.summary()).containsEntry("replaced", List.of("view open_serials"));
        assertThat(SchemaChanges.inLog(replaced.appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n")).toString())
                .summary()).isEqualTo(replaced.summary());
        assertThat(ran("CREATE OR REPLACE VIEW v AS SELECT 1", "DROP VIEW v").lines()).as("gone after it")
                .containsExactly("Dropped: view v");
    }

    @Test
    void a_dropped_tables_columns_and_unnamed_constraints_added_in_the_same_run_are_not_listed() {
        SchemaChanges dropped = ran("ALTER TABLE old_log ADD COLUMN note TEXT", "CREATE INDEX ON old_log (note)",
                "ALTER TABLE kept ADD COLUMN note TEXT", "DROP TABLE old_log");

        assertThat(dropped.lines()).containsExactly("Columns added: kept.note", "Dropped: table old_log");
        StringBuilder log = ran("ALTER TABLE old_log ADD COLUMN note TEXT").appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n"));
        ran("DROP TABLE old_log").appendTo(log.append("V2__b.sql: applied in 1 ms\n"));
        assertThat(SchemaChanges.inLog(log.toString()).lines()).as("across migrations").containsExactly("Dropped: table old_log");
    }

    @Test
    void a_name_holding_a_comma_reads_back_whole_and_an_older_logs_names_read_as_before() {
        SchemaChanges odd = new SchemaChanges(List.of(new DdlObject(Kind.CONSTRAINT, false, "users: unique (a, b)"),
                new DdlObject(Kind.TABLE, false, "x \"y\", z"), new DdlObject(Kind.INDEX, true, "on t (a, b)"),
                new DdlObject(Kind.TABLE, Change.RENAMED, "go to, b", "a")));
        String log = odd.appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n")).toString();

        assertThat(log).contains("  constraints added: \"users: unique (a, b)\"\n", "  tables created: \"x \\\"y\\\", z\"\n",
                "  dropped: index \"on t (a, b)\"\n", "  renamed: table a to \"go to, b\"\n");
        assertThat(SchemaChanges.inLog(log).summary()).isEqualTo(odd.summary());
        assertThat(SchemaChanges.inLog("V1__a.sql: applied in 1 ms\n  tables created: a, b\n  dropped: table c\n").summary())
                .containsExactly(java.util.Map.entry("tablesCreated", List.of("a", "b")),
                        java.util.Map.entry("dropped", List.of("table c")));
    }

    @Test
    void a_rollbacks_changes_say_what_its_down_files_dropped_and_restored() {
        SchemaChanges down = ran("DROP TABLE serial_link_outbox", "ALTER TABLE serials ADD COLUMN legacy TEXT");
        String log = down.appendTo(new StringBuilder("U4__serials.sql: applied in 1 ms\n"), true).toString();

        assertThat(log).contains("  columns restored: serials.legacy\n", "  dropped: table serial_link_outbox\n");
        assertThat(SchemaChanges.inLog(log).summary()).isEqualTo(down.summary());
        assertThat(SchemaChanges.grouped(List.of(down), true)).containsExactly(
                "Columns restored: serials.legacy on 1 tenant(s)", "Dropped: table serial_link_outbox on 1 tenant(s)");
        assertThat(SchemaChanges.grouped(List.of(down))).first().asString().startsWith("Columns added:");
    }

    private static final DdlReading POSTGRES = DdlReading.of(dev.flotilla.sql.Dialect.forUrl("jdbc:postgresql://h/db"));
    private static final DdlReading MARIADB = DdlReading.of(dev.flotilla.sql.Dialect.forUrl("jdbc:mariadb://h/db"));

    @Test
    void what_the_run_set_into_another_schema_left_this_one_with_what_it_made_on_it() {
        SchemaChanges moved = ran(POSTGRES, "CREATE TABLE scratch (id int)", "CREATE INDEX idx_scratch ON scratch (id)",
                "ALTER TABLE scratch SET SCHEMA archive", "ALTER TABLE old_log SET SCHEMA archive",
                "CREATE FUNCTION touch() RETURNS int LANGUAGE sql AS 'SELECT 1'", "ALTER FUNCTION touch() SET SCHEMA archive");

        assertThat(moved.lines()).containsExactly("Dropped: table old_log");
    }

    private static SchemaChanges ran(DdlReading reading, String... statements) {
        return StatementsRan.ran(reading, statements);
    }

    /** As a task's log says what each of {@code migrations} (each a statement) did, read back. */
    private static SchemaChanges logged(DdlReading reading, String... migrations) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < migrations.length; i++) {
            ran(reading, migrations[i]).appendTo(log.append("V").append(i + 1).append("__m.sql: applied in 1 ms\n"));
        }
        return SchemaChanges.inLog(log.toString());
    }

    @Test
    void a_dropped_tables_named_indexes_and_constraints_added_in_the_same_deployment_go_with_it() {
        assertThat(ran(POSTGRES, "CREATE INDEX idx_note ON old_log (note)", "ALTER TABLE old_log ADD CONSTRAINT fk_company"
                + " FOREIGN KEY (company_id) REFERENCES companies (id)", "CREATE INDEX idx_kept ON kept (note)",
                "DROP TABLE old_log").lines()).containsExactly("Indexes added: idx_kept", "Dropped: table old_log");
        String log = ran(POSTGRES, "ALTER TABLE old_log ADD CONSTRAINT uq_note UNIQUE (note)")
                .appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n")).toString();
        assertThat(log).as("the log says their table").contains("  constraints added: uq_note on old_log\n",
                "  indexes added: uq_note on old_log\n");
        assertThat(logged(MARIADB, "CREATE INDEX idx_note ON old_log (note)", "ALTER TABLE old_log ADD CONSTRAINT uq_note"
                + " UNIQUE (note)", "RENAME TABLE old_log TO older_log", "DROP TABLE older_log").lines())
                .as("across migrations, after its rename").containsExactly("Dropped: table old_log");
        assertThat(logged(MARIADB, "ALTER TABLE kept ADD INDEX idx_note (note)", "DROP TABLE old_log").lines())
                .containsExactly("Indexes added: idx_note", "Dropped: table old_log");
    }

    @Test
    void dropping_a_unique_constraint_takes_its_index_and_dropping_a_unique_key_its_constraint() {
        assertThat(ran(POSTGRES, "ALTER TABLE serials ADD CONSTRAINT uq_code UNIQUE (code)",
                "ALTER TABLE serials DROP CONSTRAINT uq_code").isEmpty()).isTrue();
        assertThat(logged(POSTGRES, "ALTER TABLE serials ADD CONSTRAINT uq_code UNIQUE (code)",
                "ALTER TABLE serials DROP CONSTRAINT IF EXISTS uq_code").isEmpty()).as("across migrations").isTrue();
        assertThat(logged(MARIADB, "ALTER TABLE serials ADD UNIQUE KEY uq_code (code)", "ALTER TABLE serials DROP INDEX"
                + " uq_code").isEmpty()).as("a unique key is both").isTrue();
        assertThat(logged(POSTGRES, "ALTER TABLE serials ADD CONSTRAINT uq_code UNIQUE (code)",
                "ALTER TABLE other DROP CONSTRAINT uq_code").lines()).as("one of that name on another table")
                .containsExactly("Indexes added: uq_code", "Constraints added: uq_code on serials",
                        "Dropped: constraint uq_code on other");
    }

    @Test
    void one_made_if_not_exists_then_dropped_reads_dropped_as_it_may_have_been_there_never_created() {
        assertThat(ran("CREATE TABLE IF NOT EXISTS import_scratch (id INT)", "CREATE INDEX IF NOT EXISTS idx_s ON"
                + " import_scratch (id)", "DROP TABLE import_scratch").lines()).containsExactly("Dropped: table import_scratch");
        assertThat(logged(POSTGRES, "CREATE TABLE IF NOT EXISTS import_scratch (id int)",
                "ALTER TABLE import_scratch ADD COLUMN note text", "DROP TABLE import_scratch").lines())
                .containsExactly("Dropped: table import_scratch");
        assertThat(logged(POSTGRES, "ALTER TABLE serials ADD COLUMN IF NOT EXISTS note text",
                "ALTER TABLE serials DROP COLUMN note").lines()).containsExactly("Dropped: column serials.note");
    }
}
