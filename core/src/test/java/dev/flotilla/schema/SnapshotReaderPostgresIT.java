package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotReaderPostgresIT extends SnapshotReaderContract {
    @Override
    TargetSpec newTarget(Path temp, int n) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Test
    void reads_partial_indexes_triggers_row_level_security_and_policies() throws Exception {
        SchemaSnapshot snapshot = build(target(1), List.of(
                "CREATE TABLE tickets (id SERIAL PRIMARY KEY, tenant_id INT NOT NULL, spawned BOOLEAN NOT NULL DEFAULT false)",
                "CREATE INDEX idx_ticket_unspawned ON tickets (tenant_id) WHERE NOT spawned",
                "CREATE INDEX idx_ticket_expr ON tickets (lower(tenant_id::text))",
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER trg_touch BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION touch()",
                "ALTER TABLE tickets ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY tenant_isolation ON tickets USING (tenant_id = current_setting('app.tenant')::int)"));

        Table tickets = snapshot.table("tickets").orElseThrow();
        assertThat(tickets.indexes()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("idx_ticket_unspawned");
            assertThat(i.where()).isEqualTo("NOT spawned");
        });
        assertThat(tickets.indexes()).anySatisfy(i -> assertThat(i.columns()).containsExactly("lower(tenant_id::text)"));
        assertThat(tickets.triggers()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("trg_touch");
            assertThat(t.timing()).isEqualTo("BEFORE");
            assertThat(t.event()).isEqualTo("UPDATE");
        });
        assertThat(tickets.rowSecurity().enabled()).isTrue();
        assertThat(tickets.policies()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("tenant_isolation");
            assertThat(p.using()).contains("current_setting");
        });
        assertThat(tickets.column("id").orElseThrow().defaultValue())
                .as("a serial's sequence is named without the tenant's schema").isEqualTo("nextval('tickets_id_seq'::regclass)");
    }

    @Test
    void reads_tables_moved_in_with_set_schema_partitioned_tables_and_materialized_views_but_not_a_neighbours_tables()
            throws Exception {
        TargetSpec spec = target(1);
        TargetSpec neighbour = target(2);
        build(neighbour, List.of("CREATE TABLE moved (id INT PRIMARY KEY)", "CREATE TABLE stays (id INT PRIMARY KEY)"));

        SchemaSnapshot snapshot = build(spec, List.of(
                "ALTER TABLE \"" + neighbour.schema() + "\".moved SET SCHEMA \"" + spec.schema() + "\"",
                "CREATE TABLE events (id INT, at DATE NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE MATERIALIZED VIEW event_days AS SELECT DISTINCT at FROM events"));

        assertThat(snapshot.tables()).extracting(Table::name).containsExactly("events", "events_2026", "moved");
        assertThat(snapshot.table("moved").orElseThrow().primaryKey()).containsExactly("id");
        assertThat(snapshot.views()).extracting(SchemaSnapshot.View::name).containsExactly("event_days");
        try (TargetSession session = TargetSession.open(neighbour, false)) {
            assertThat(SnapshotReader.of(session).tables()).extracting(Table::name).containsExactly("stays");
        }
    }

    @Test
    void a_schema_read_alone_is_what_a_read_of_several_schemas_sees_of_it() throws Exception {
        // One schema is read with "= ?", several with "= ANY(?)": the two sets of queries must see the same.
        TargetSpec first = target(1);
        TargetSpec second = target(2);
        List<String> statements = new ArrayList<>(SCHEMA);
        statements.addAll(List.of(
                "CREATE INDEX idx_serials_available ON serials (serial_no) WHERE status = 'available'",
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER trg_touch BEFORE UPDATE ON serials FOR EACH ROW EXECUTE FUNCTION touch()",
                "ALTER TABLE serials ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY by_company ON serials USING (company_id = current_setting('app.company')::int)",
                "CREATE SEQUENCE serial_numbers START 1000"));
        SchemaSnapshot alone = build(first, statements);
        build(second, List.of("CREATE TABLE other (id INT PRIMARY KEY)"));

        try (TargetSession session = TargetSession.open(first, false)) {
            Map<String, SchemaSnapshot> both = SnapshotReader.forDialect(session.dialect()).readAll(session.connection(),
                    List.of(first.schema(), second.schema()), SnapshotReader.flotillaTables(session));
            assertThat(both.get(first.schema())).isEqualTo(alone);
            assertThat(both.get(second.schema()).tables()).extracting(Table::name).containsExactly("other");
        }
        Table serials = alone.table("serials").orElseThrow();
        assertThat(serials.foreignKeys()).isNotEmpty();
        assertThat(serials.triggers()).isNotEmpty();
        assertThat(serials.policies()).isNotEmpty();
        assertThat(alone.views()).isNotEmpty();
        assertThat(alone.routines()).extracting(SchemaSnapshot.Routine::signature).containsExactly("touch()");
        assertThat(alone.sequences()).extracting(SchemaSnapshot.Sequence::name).containsExactly("serial_numbers");
    }

    @Test
    void a_column_of_the_schema_s_own_enum_domain_or_enum_array_is_read_without_the_schema_from_any_search_path()
            throws Exception {
        // drift --all reads many schemas on one connection whose search_path is at most one of them: PostgreSQL
        // names a type outside the search path with its schema, and every tenant with an enum looked drifted.
        TargetSpec first = target(1);
        TargetSpec second = target(2);
        List<String> statements = List.of(
                "CREATE TYPE appt_status AS ENUM ('booked', 'done')",
                "CREATE DOMAIN positive_minutes AS integer CHECK (VALUE > 0)",
                "CREATE TABLE appointments (id INT PRIMARY KEY, status appt_status NOT NULL DEFAULT 'booked',"
                        + " history appt_status[], minutes positive_minutes)");
        build(first, statements);
        SchemaSnapshot alone = build(second, statements);

        try (TargetSession session = TargetSession.open(first, false)) {
            Map<String, SchemaSnapshot> both = SnapshotReader.forDialect(session.dialect()).readAll(session.connection(),
                    List.of(first.schema(), second.schema()), SnapshotReader.flotillaTables(session));
            assertThat(both.get(second.schema()).table("appointments").orElseThrow().columns())
                    .extracting(SchemaSnapshot.Column::type)
                    .containsExactly("integer", "appt_status", "appt_status[]", "positive_minutes");
            assertThat(both.get(second.schema())).as("read from outside its search path").isEqualTo(alone);
            assertThat(both.get(first.schema()).fingerprint()).isEqualTo(alone.fingerprint());
        }
    }

    @Test
    void reads_functions_procedures_and_sequences_of_their_own_but_not_an_extension_s_or_a_serial_column_s() throws Exception {
        TargetSpec spec = target(1);
        SchemaSnapshot snapshot = build(spec, List.of(
                "CREATE TABLE tickets (id SERIAL PRIMARY KEY, n INT GENERATED ALWAYS AS IDENTITY)",
                "CREATE SEQUENCE ticket_numbers START 100 INCREMENT 5",
                "CREATE FUNCTION add_serial(company integer, code text) RETURNS integer LANGUAGE sql"
                        + " AS $$ SELECT company + length(code) $$",
                "CREATE PROCEDURE purge(days integer) LANGUAGE sql AS $$ DELETE FROM tickets WHERE id < days $$",
                "CREATE EXTENSION tsm_system_rows SCHEMA \"" + spec.schema() + "\""));

        assertThat(snapshot.sequences()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("ticket_numbers");
            assertThat(s.definition()).contains("start 100 increment 5");
        });
        assertThat(snapshot.routines()).extracting(r -> r.kind() + " " + r.signature())
                .containsExactly("function add_serial(company integer, code text)", "procedure purge(IN days integer)");
        assertThat(snapshot.routines()).allSatisfy(r -> assertThat(r.definition()).as("without the tenant's schema")
                .doesNotContain(spec.schema()).contains("LANGUAGE sql"));
    }

    @Test
    void a_foreign_key_to_another_schemas_table_is_told_apart_from_a_dotted_name_of_either_schema()
            throws Exception {
        DottedReferences dotted = new DottedReferences(TestDatabases.uniqueName(), '"');
        TargetSpec server = TestDatabases.postgres(null);
        TestDatabases.execute(server, dotted.schemas().toArray(String[]::new));
        try {
            dotted.assertToldApart(target(1), target(2), List.of());
            dotted.assertOwnTableToldApart(target(3), target(4), List.of());
        } finally {
            TestDatabases.execute(server, "DROP SCHEMA IF EXISTS \"" + dotted.other() + "\" CASCADE",
                    "DROP SCHEMA IF EXISTS \"" + dotted.other() + ".a\" CASCADE");
        }
    }
}
