package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlReadingTest {
    private static final DdlReading POSTGRES = DdlReading.of(new PostgresDialect());
    private static final DdlReading MARIADB = DdlReading.of(new MariaDbDialect());
    private static final DdlReading SQLITE = DdlReading.of(new SqliteDialect());
    private static final DdlReading H2 = DdlReading.of(new H2Dialect());

    private static DdlObject created(Kind kind, String name) {
        return new DdlObject(kind, false, name);
    }

    private static DdlObject ensured(Kind kind, String name) {
        return new DdlObject(kind, Change.ENSURED, name);
    }

    private static DdlObject moved(Kind kind, String name, String from) {
        return new DdlObject(kind, Change.RENAMED, name, from);
    }

    private static DdlObject dropped(Kind kind, String name) {
        return new DdlObject(kind, true, name);
    }

    @Test
    void seed_000s_serial_migration_on_mariadb_reads_as_its_tables_indexes_and_constraint() {
        assertThat(MARIADB.of("ALTER TABLE job_ticket_serial ADD UNIQUE KEY uniq_ticket_seq (ticket_id, seq)"))
                .as("each on its table").containsExactly(created(Kind.CONSTRAINT, "uniq_ticket_seq").on("job_ticket_serial"),
                        created(Kind.INDEX, "uniq_ticket_seq").on("job_ticket_serial"));
        assertThat(MARIADB.of("ALTER TABLE `job_ticket_serial` ADD INDEX idx_ticket_unspawned (ticket_id, spawned_at)"))
                .containsExactly(created(Kind.INDEX, "idx_ticket_unspawned").on("job_ticket_serial"));
        assertThat(MARIADB.of("CREATE TABLE IF NOT EXISTS `serial_link_outbox` (\n  id BIGINT PRIMARY KEY,\n"
                + "  UNIQUE KEY uniq_x (id)\n) ENGINE=InnoDB")).as("it and its inline key may have been there")
                .containsExactly(ensured(Kind.TABLE, "serial_link_outbox"),
                        ensured(Kind.CONSTRAINT, "uniq_x").on("serial_link_outbox"),
                        ensured(Kind.INDEX, "uniq_x").on("serial_link_outbox"));
        assertThat(MARIADB.of("/* spawn */ CREATE TABLE token_spawn_log (id INT)"))
                .containsExactly(created(Kind.TABLE, "token_spawn_log"));
    }

    @Test
    void constraints_written_in_a_create_table_are_read_named_or_by_their_table_and_columns_but_its_primary_key() {
        assertThat(POSTGRES.of("CREATE TABLE serials (id bigint, ticket_id bigint REFERENCES tickets (id), seq int,"
                + " PRIMARY KEY (id), CONSTRAINT fk_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),"
                + " UNIQUE (ticket_id, seq), FOREIGN KEY (seq) REFERENCES seqs (n), CHECK (seq > 0))"))
                .containsExactly(created(Kind.TABLE, "serials"), created(Kind.CONSTRAINT, "serials: foreign key (ticket_id)"),
                        created(Kind.CONSTRAINT, "fk_ticket").on("serials"),
                        created(Kind.CONSTRAINT, "serials: unique (ticket_id, seq)"),
                        created(Kind.CONSTRAINT, "serials: foreign key (seq)"), created(Kind.CONSTRAINT, "serials: check"));
        assertThat(MARIADB.of("CREATE TABLE t (id INT, `key` INT, UNIQUE KEY uk (id), CONSTRAINT pk PRIMARY KEY (id))"))
                .containsExactly(created(Kind.TABLE, "t"), created(Kind.CONSTRAINT, "uk").on("t"), created(Kind.INDEX, "uk").on("t"),
                        created(Kind.CONSTRAINT, "pk").on("t"));
        assertThat(POSTGRES.of("CREATE TABLE copy AS SELECT * FROM serials")).containsExactly(created(Kind.TABLE, "copy"));
    }

    @Test
    void mariadb_alter_table_reads_each_of_its_actions() {
        assertThat(MARIADB.of("ALTER TABLE orders ADD COLUMN note TEXT, ADD (a INT, `b` INT), ADD PRIMARY KEY (id),"
                + " ADD CONSTRAINT fk_company FOREIGN KEY (company_id) REFERENCES companies (id), DROP INDEX idx_old,"
                + " DROP FOREIGN KEY fk_old, DROP COLUMN legacy, ADD FULLTEXT INDEX ft_note (note)"))
                .containsExactly(created(Kind.COLUMN, "orders.note"), created(Kind.COLUMN, "orders.a"),
                        created(Kind.COLUMN, "orders.b"), created(Kind.CONSTRAINT, "orders: primary key (id)"),
                        created(Kind.CONSTRAINT, "fk_company").on("orders"), dropped(Kind.INDEX, "idx_old").on("orders"),
                        dropped(Kind.CONSTRAINT, "fk_old").on("orders"), dropped(Kind.COLUMN, "orders.legacy"),
                        created(Kind.INDEX, "ft_note").on("orders"));
        assertThat(MARIADB.of("CREATE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v_orders AS SELECT 1"))
                .containsExactly(created(Kind.VIEW, "v_orders"));
        assertThat(MARIADB.of("CREATE UNIQUE INDEX uniq_email USING BTREE ON users (email)"))
                .as("a unique key, as its catalog says").containsExactly(created(Kind.CONSTRAINT, "uniq_email").on("users"),
                        created(Kind.INDEX, "uniq_email").on("users"));
        assertThat(MARIADB.of("DROP INDEX idx_gone ON users")).containsExactly(dropped(Kind.INDEX, "idx_gone").on("users"));
        assertThat(MARIADB.of("CREATE TEMPORARY TABLE scratch (id INT)")).as("gone with the session").isEmpty();
        assertThat(MARIADB.of("RENAME TABLE a TO b, `c` TO d")).containsExactly(
                new DdlObject(Kind.TABLE, Change.RENAMED, "b", "a"), new DdlObject(Kind.TABLE, Change.RENAMED, "d", "c"));
        assertThat(MARIADB.of("ALTER TABLE users RENAME INDEX idx_a TO idx_b, RENAME AS members")).containsExactly(
                new DdlObject(Kind.INDEX, Change.RENAMED, "idx_b", "idx_a").on("users"),
                new DdlObject(Kind.TABLE, Change.RENAMED, "members", "users"));
        assertThat(MARIADB.of("ALTER TABLE users ADD UNIQUE (email)"))
                .containsExactly(created(Kind.CONSTRAINT, "users: unique (email)"));
    }

    @Test
    void postgresql_statements_read_with_schemas_quotes_and_concurrently() {
        assertThat(POSTGRES.of("CREATE TABLE app.\"Serial Quarantine\" (id bigint)"))
                .as("with its schema, as written").containsExactly(created(Kind.TABLE, "app.Serial Quarantine"));
        assertThat(created(Kind.TABLE, "app.Serial Quarantine").inSchema("APP")).as("the target's own schema: without it")
                .isEqualTo(created(Kind.TABLE, "Serial Quarantine"));
        assertThat(created(Kind.TABLE, "app.x").inSchema("t_a")).isEqualTo(created(Kind.TABLE, "app.x"));
        assertThat(created(Kind.TABLE, "app.x").inSchema(null)).isEqualTo(created(Kind.TABLE, "x"));
        assertThat(POSTGRES.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uniq_ticket_seq ON app.job_ticket_serial"
                + " (ticket_id, seq)")).containsExactly(ensured(Kind.INDEX, "uniq_ticket_seq").on("app.job_ticket_serial"));
        assertThat(POSTGRES.of("CREATE INDEX ON serials (status)")).as("the database makes its name up: said by what it is on")
                .containsExactly(created(Kind.INDEX, "on serials (status)"));
        assertThat(POSTGRES.of("CREATE UNIQUE INDEX CONCURRENTLY ON ONLY app.\"Serials\" USING btree (lower(email), \"Ticket\")"))
                .containsExactly(created(Kind.INDEX, "on app.Serials (lower(email), ticket)"));
        assertThat(POSTGRES.of("ALTER INDEX IF EXISTS app.idx_a RENAME TO idx_b"))
                .containsExactly(new DdlObject(Kind.INDEX, Change.RENAMED, "idx_b", "idx_a"));
        assertThat(POSTGRES.of("ALTER TABLE serials RENAME COLUMN note TO remark"))
                .containsExactly(new DdlObject(Kind.COLUMN, Change.RENAMED, "serials.remark", "serials.note"));
        assertThat(POSTGRES.of("ALTER TABLE ONLY job_ticket_serial ADD CONSTRAINT uniq_ticket_seq UNIQUE (ticket_id, seq),"
                + " ADD COLUMN IF NOT EXISTS spawned_at timestamptz, DROP CONSTRAINT IF EXISTS old_check"))
                .containsExactly(created(Kind.CONSTRAINT, "uniq_ticket_seq").on("job_ticket_serial"),
                        created(Kind.INDEX, "uniq_ticket_seq").on("job_ticket_serial"),
                        ensured(Kind.COLUMN, "job_ticket_serial.spawned_at"),
                        dropped(Kind.CONSTRAINT, "old_check").on("job_ticket_serial"));
        assertThat(POSTGRES.of("CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger AS $$ BEGIN CREATE TABLE x (); END $$"
                + " LANGUAGE plpgsql")).as("it may have replaced one").containsExactly(new DdlObject(Kind.FUNCTION,
                Change.REPLACED, "app.touch()"));
        assertThat(POSTGRES.of("CREATE SEQUENCE IF NOT EXISTS serial_no_seq")).containsExactly(ensured(Kind.SEQUENCE, "serial_no_seq"));
        assertThat(POSTGRES.of("CREATE MATERIALIZED VIEW totals AS SELECT 1")).containsExactly(created(Kind.VIEW, "totals"));
        assertThat(POSTGRES.of("DROP TABLE IF EXISTS a, app.b CASCADE")).containsExactly(dropped(Kind.TABLE, "a"),
                dropped(Kind.TABLE, "app.b"));
        assertThat(POSTGRES.of("DROP INDEX CONCURRENTLY idx_old")).containsExactly(dropped(Kind.INDEX, "idx_old"));
        assertThat(POSTGRES.of("DO $$ BEGIN EXECUTE 'CREATE TABLE t (id int)'; END $$")).as("cannot be read: nothing said")
                .isEmpty();
        assertThat(POSTGRES.of("CREATE TEMP TABLE scratch (id int)")).isEmpty();
        assertThat(POSTGRES.of("INSERT INTO notes (body) VALUES ('CREATE TABLE t')")).isEmpty();
        assertThat(POSTGRES.of("CREATE TRIGGER touch_serials BEFORE UPDATE ON serials FOR EACH ROW EXECUTE FUNCTION touch()"))
                .as("with its table").containsExactly(created(Kind.TRIGGER, "touch_serials").on("serials"));
        assertThat(POSTGRES.of("DROP TRIGGER IF EXISTS touch_serials ON serials"))
                .containsExactly(dropped(Kind.TRIGGER, "touch_serials").on("serials"));
        assertThat(MARIADB.of("CREATE TRIGGER trg_staff BEFORE INSERT ON staff FOR EACH ROW SET NEW.email = LOWER(NEW.email)"))
                .containsExactly(created(Kind.TRIGGER, "trg_staff").on("staff"));
    }

    @Test
    void postgresql_routines_dropped_with_drop_routine_and_renamed_with_their_parameters_are_read() {
        assertThat(POSTGRES.of("DROP ROUTINE IF EXISTS app.touch(int), stamp")).as("by its input types where said")
                .containsExactly(dropped(Kind.ROUTINE, "app.touch(integer)"), dropped(Kind.ROUTINE, "stamp"));
        assertThat(POSTGRES.of("DROP PROCEDURE refresh(text, OUT n bigint)"))
                .containsExactly(dropped(Kind.PROCEDURE, "refresh(text)"));
        assertThat(POSTGRES.of("ALTER FUNCTION app.touch(p pg_catalog.\"varchar\", n int) RENAME TO touch_old"))
                .as("it stays in its schema").containsExactly(new DdlObject(Kind.FUNCTION, Change.RENAMED,
                        "app.touch_old(character varying,integer)", "app.touch(character varying,integer)"));
        assertThat(POSTGRES.of("ALTER PROCEDURE refresh RENAME TO refresh_all"))
                .containsExactly(new DdlObject(Kind.PROCEDURE, Change.RENAMED, "refresh_all", "refresh"));
        assertThat(POSTGRES.of("ALTER ROUTINE refresh(text) RENAME TO refresh_all"))
                .containsExactly(new DdlObject(Kind.ROUTINE, Change.RENAMED, "refresh_all(text)", "refresh(text)"));
        assertThat(MARIADB.of("CREATE DEFINER = `app`@`%` PROCEDURE p(IN n INT) BEGIN SELECT n; END"))
                .as("no overloads: by its name").containsExactly(created(Kind.PROCEDURE, "p"));
        assertThat(MARIADB.of("DROP FUNCTION IF EXISTS f")).containsExactly(dropped(Kind.FUNCTION, "f"));
        assertThat(POSTGRES.of("ALTER FUNCTION touch(int) OWNER TO app")).isEmpty();
    }

    @Test
    void an_object_set_into_another_schema_reads_as_moved_there_dropped_from_the_targets() {
        assertThat(POSTGRES.of("ALTER TABLE IF EXISTS ONLY app.old_log SET SCHEMA archive"))
                .containsExactly(moved(Kind.TABLE, "archive.old_log", "app.old_log"));
        assertThat(moved(Kind.TABLE, "archive.old_log", "app.old_log").inSchema("app")).isEqualTo(dropped(Kind.TABLE, "old_log"));
        assertThat(moved(Kind.TABLE, "archive.old_log", "app.old_log").inSchema(null)).as("no schema known: it left")
                .isEqualTo(dropped(Kind.TABLE, "old_log"));
        assertThat(POSTGRES.of("ALTER MATERIALIZED VIEW totals SET SCHEMA archive"))
                .containsExactly(moved(Kind.VIEW, "archive.totals", "totals"));
        assertThat(POSTGRES.of("ALTER SEQUENCE IF EXISTS ticket_seq SET SCHEMA archive"))
                .containsExactly(moved(Kind.SEQUENCE, "archive.ticket_seq", "ticket_seq"));
        assertThat(POSTGRES.of("ALTER FUNCTION touch(p int) SET SCHEMA archive"))
                .containsExactly(moved(Kind.FUNCTION, "archive.touch(integer)", "touch(integer)"));
        assertThat(moved(Kind.FUNCTION, "archive.touch(integer)", "touch(integer)").inSchema("app"))
                .isEqualTo(dropped(Kind.FUNCTION, "touch(integer)"));
        assertThat(POSTGRES.of("ALTER PROCEDURE archive.refresh SET SCHEMA app"))
                .containsExactly(moved(Kind.PROCEDURE, "app.refresh", "archive.refresh"));
        assertThat(moved(Kind.PROCEDURE, "app.refresh", "archive.refresh").inSchema("app").arrived())
                .as("arrived in the target's").isEqualTo(created(Kind.PROCEDURE, "refresh"));
        assertThat(POSTGRES.of("ALTER TABLE old_log SET TABLESPACE slow")).isEmpty();
        assertThat(POSTGRES.of("ALTER TABLE old_log SET (fillfactor = 70)")).isEmpty();
    }

    @Test
    void sqlite_statements_read_with_its_brackets_and_single_action_alters() {
        assertThat(SQLITE.of("CREATE TABLE IF NOT EXISTS [serial_link_outbox] (id INTEGER PRIMARY KEY)"))
                .containsExactly(ensured(Kind.TABLE, "serial_link_outbox"));
        assertThat(SQLITE.of("ALTER TABLE serials ADD COLUMN \"status\" TEXT NOT NULL DEFAULT 'new'"))
                .containsExactly(created(Kind.COLUMN, "serials.status"));
        assertThat(SQLITE.of("CREATE UNIQUE INDEX IF NOT EXISTS uniq_ticket_seq ON job_ticket_serial (ticket_id, seq)"))
                .as("as a unique constraint and its index always are").containsExactly(
                        ensured(Kind.CONSTRAINT, "uniq_ticket_seq").on("job_ticket_serial"),
                        ensured(Kind.INDEX, "uniq_ticket_seq").on("job_ticket_serial"));
        assertThat(SQLITE.of("CREATE UNIQUE INDEX uniq_open ON serials (ticket_id) WHERE closed = 0"))
                .as("a partial one is no constraint").containsExactly(created(Kind.INDEX, "uniq_open").on("serials"));
        assertThat(SQLITE.of("ALTER TABLE serials DROP COLUMN legacy")).containsExactly(dropped(Kind.COLUMN, "serials.legacy"));
        assertThat(SQLITE.of("CREATE TRIGGER IF NOT EXISTS trg AFTER INSERT ON serials BEGIN UPDATE x SET a = 1; END"))
                .containsExactly(ensured(Kind.TRIGGER, "trg").on("serials"));
        assertThat(SQLITE.of("ALTER TABLE new_serials RENAME TO serials")).as("followed: a rebuild's copy becomes the table")
                .containsExactly(new DdlObject(Kind.TABLE, Change.RENAMED, "serials", "new_serials"));
    }

    @Test
    void h2_statements_read_with_its_table_kinds_and_column_groups() {
        assertThat(H2.of("CREATE CACHED TABLE IF NOT EXISTS PUBLIC.SERIALS (ID BIGINT)"))
                .containsExactly(ensured(Kind.TABLE, "PUBLIC.SERIALS"));
        assertThat(H2.of("ALTER TABLE serials ADD COLUMN IF NOT EXISTS (a INT, b INT)"))
                .containsExactly(ensured(Kind.COLUMN, "serials.a"), ensured(Kind.COLUMN, "serials.b"));
        assertThat(H2.of("CREATE INDEX ON serials(a)")).containsExactly(created(Kind.INDEX, "on serials (a)"));
        assertThat(H2.of("ALTER TABLE serials ADD CONSTRAINT fk_t FOREIGN KEY (t) REFERENCES tickets (id)"))
                .containsExactly(created(Kind.CONSTRAINT, "fk_t").on("serials"));
        assertThat(H2.of("CREATE UNIQUE HASH INDEX uniq_h ON serials (a)")).as("an index only, as its catalog says")
                .containsExactly(created(Kind.INDEX, "uniq_h").on("serials"));
        assertThat(H2.of("DROP SEQUENCE IF EXISTS s1")).containsExactly(dropped(Kind.SEQUENCE, "s1"));
        assertThat(H2.of("ALTER TABLE serials ADD CHECK (a > 0)")).containsExactly(created(Kind.CONSTRAINT, "serials: check"));
        assertThat(H2.of("CREATE SCHEMA IF NOT EXISTS tenant_a")).isEmpty();
        assertThat(List.of(H2.of("UPDATE serials SET a = 1"))).containsExactly(List.of());
    }

    @Test
    void constraints_written_on_a_column_are_read_as_those_written_beside_the_columns() {
        assertThat(POSTGRES.of("CREATE TABLE serials (id bigint PRIMARY KEY, company_id bigint NOT NULL REFERENCES"
                + " companies (id) ON DELETE CASCADE, code text UNIQUE, qty int DEFAULT 1 CHECK (qty > 0),"
                + " ticket_id bigint CONSTRAINT fk_ticket REFERENCES tickets (id), \"Key\" text CONSTRAINT uq_key UNIQUE)"))
                .as("but its primary key").containsExactly(created(Kind.TABLE, "serials"),
                        created(Kind.CONSTRAINT, "serials: foreign key (company_id)"),
                        created(Kind.CONSTRAINT, "serials: unique (code)"), created(Kind.CONSTRAINT, "serials: check"),
                        created(Kind.CONSTRAINT, "fk_ticket").on("serials"), created(Kind.CONSTRAINT, "uq_key").on("serials"),
                        created(Kind.INDEX, "uq_key").on("serials"));
        assertThat(POSTGRES.of("ALTER TABLE orders ADD COLUMN company_id bigint REFERENCES companies (id),"
                + " ADD COLUMN IF NOT EXISTS code text UNIQUE, ADD id bigserial PRIMARY KEY")).containsExactly(
                created(Kind.COLUMN, "orders.company_id"), created(Kind.CONSTRAINT, "orders: foreign key (company_id)"),
                ensured(Kind.COLUMN, "orders.code"), ensured(Kind.CONSTRAINT, "orders: unique (code)"),
                created(Kind.COLUMN, "orders.id"), created(Kind.CONSTRAINT, "orders: primary key (id)"));
        assertThat(MARIADB.of("ALTER TABLE orders ADD COLUMN code VARCHAR(10) DEFAULT 'unique' UNIQUE KEY COMMENT 'check'"))
                .as("words in literals are no constraint").containsExactly(created(Kind.COLUMN, "orders.code"),
                        created(Kind.CONSTRAINT, "orders: unique (code)"));
        assertThat(SQLITE.of("ALTER TABLE serials ADD COLUMN company_id INTEGER REFERENCES companies (id)"))
                .containsExactly(created(Kind.COLUMN, "serials.company_id"),
                        created(Kind.CONSTRAINT, "serials: foreign key (company_id)"));
        assertThat(H2.of("ALTER TABLE serials ADD (a INT UNIQUE, b INT)")).containsExactly(created(Kind.COLUMN, "serials.a"),
                created(Kind.CONSTRAINT, "serials: unique (a)"), created(Kind.COLUMN, "serials.b"));
    }

    @Test
    void mysqls_alter_table_renaming_its_table_says_the_other_actions_under_the_new_name() {
        assertThat(MARIADB.of("ALTER TABLE a RENAME TO b, ADD COLUMN c INT, ADD INDEX idx_c (c)")).as("MySQL renames last")
                .containsExactly(new DdlObject(Kind.TABLE, Change.RENAMED, "b", "a"), created(Kind.COLUMN, "b.c"),
                        created(Kind.INDEX, "idx_c").on("b"));
        assertThat(MARIADB.of("ALTER TABLE a RENAME b, DROP COLUMN d")).containsExactly(
                new DdlObject(Kind.TABLE, Change.RENAMED, "b", "a"), dropped(Kind.COLUMN, "b.d"));
    }
}
