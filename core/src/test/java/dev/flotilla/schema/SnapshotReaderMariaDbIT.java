package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotReaderMariaDbIT extends SnapshotReaderContract {
    @Override
    TargetSpec newTarget(Path temp, int n) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    private static List<String> tables(String onDelete) {
        return List.of("CREATE TABLE companies (id INT PRIMARY KEY)",
                "CREATE TABLE staff (id INT PRIMARY KEY, company_id INT NOT NULL, email VARCHAR(100) NOT NULL,"
                        + " CONSTRAINT uniq_staff_email UNIQUE (email),"
                        + " CONSTRAINT fk_staff_company FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE " + onDelete + ")",
                "CREATE TRIGGER trg_staff_email BEFORE INSERT ON staff FOR EACH ROW SET NEW.email = LOWER(NEW.email)");
    }

    @Test
    void reads_its_own_database_s_keys_and_triggers_where_a_neighbour_has_the_same_names() throws Exception {
        build(target(2), tables("RESTRICT"));

        SchemaSnapshot snapshot = build(target(1), tables("CASCADE"));

        Table staff = snapshot.table("staff").orElseThrow();
        assertThat(staff.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.name()).isEqualTo("fk_staff_company");
            assertThat(fk.columns()).containsExactly("company_id");
            assertThat(fk.referencedTable()).isEqualTo("companies");
            assertThat(fk.onDelete()).isEqualTo("CASCADE");
        });
        assertThat(staff.uniques()).extracting(SchemaSnapshot.Unique::name).containsExactly("uniq_staff_email");
        assertThat(staff.triggers()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("trg_staff_email");
            assertThat(t.timing()).isEqualTo("BEFORE");
            assertThat(t.event()).isEqualTo("INSERT");
        });
        assertThat(staff.columns()).extracting(SchemaSnapshot.Column::name).containsExactly("id", "company_id", "email");
    }

    private static List<String> routines(String body) {
        return List.of("CREATE SEQUENCE ticket_numbers START WITH 100",
                "CREATE FUNCTION add_serial(company INT, code VARCHAR(40)) RETURNS INT DETERMINISTIC RETURN " + body,
                "CREATE PROCEDURE purge_tickets(IN days INT, OUT purged INT) SET purged = days");
    }

    @Test
    void reads_its_own_functions_procedures_and_sequences_where_a_neighbour_has_the_same_names() throws Exception {
        build(target(2), routines("company * 2"));

        SchemaSnapshot snapshot = build(target(1), routines("company + LENGTH(code)"));

        assertThat(snapshot.sequences()).extracting(SchemaSnapshot.Sequence::name).containsExactly("ticket_numbers");
        assertThat(snapshot.tables()).as("a sequence is not a table").isEmpty();
        assertThat(snapshot.routines()).extracting(r -> r.kind() + " " + r.signature())
                .containsExactly("function add_serial(int(11), varchar(40))", "procedure purge_tickets(int(11), int(11))");
        assertThat(snapshot.routines().get(0).definition()).contains("returns int(11)", "company + LENGTH(code)")
                .doesNotContain("company * 2");
        assertThat(snapshot.routines().get(1).definition()).contains("OUT purged int(11)");
    }

    @Test
    void a_sequence_whose_options_changed_is_a_change_and_one_that_was_used_is_not() throws Exception {
        TargetSpec spec = TestDatabases.mariadb("fxcc_" + TestDatabases.uniqueName());
        targets.add(spec);
        SchemaSnapshot before = build(spec, List.of("CREATE SEQUENCE ticket_numbers START WITH 100 CACHE 10"));

        SchemaSnapshot used = build(spec, List.of("SELECT NEXTVAL(ticket_numbers)", "SELECT NEXTVAL(ticket_numbers)"));
        SchemaSnapshot changed = build(spec, List.of("ALTER SEQUENCE ticket_numbers INCREMENT BY 5 MAXVALUE 5000 CYCLE"));

        assertThat(before.sequences()).singleElement().satisfies(s -> assertThat(s.definition())
                .isEqualTo("start 100 increment 1 min 1 max 9223372036854775806 cache 10 no cycle"));
        assertThat(used.fingerprint()).as("a sequence's value is not its definition").isEqualTo(before.fingerprint());
        assertThat(changed.sequences().get(0).definition()).isEqualTo("start 100 increment 5 min 1 max 5000 cache 10 cycle");
        assertThat(changed.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(SchemaDiff.between(before, changed).changes()).singleElement().hasToString(
                "changed sequence ticket_numbers: definition changed");
        // A fingerprint stored in format 2 read MariaDB's sequences by name: it still matches, as it was computed.
        assertThat(changed.canonicalLines(2)).containsExactly("sequence ticket_numbers ");
        assertThat(changed.fingerprint(2)).isEqualTo(before.fingerprint(2));
    }

    @Test
    void a_foreign_key_to_another_databases_table_is_told_apart_from_a_dotted_name_of_either_database()
            throws Exception {
        TargetSpec first = target(1);
        TargetSpec second = target(2);
        TargetSpec third = target(3);
        TargetSpec fourth = target(4);
        DottedReferences dotted = new DottedReferences(TestDatabases.uniqueName(), '`');
        TargetSpec server = TestDatabases.mariadb(null);
        TestDatabases.execute(server, dotted.schemas().toArray(String[]::new));
        try {
            dotted.assertToldApart(first, second, List.of());
            dotted.assertOwnTableToldApart(third, fourth, List.of());
        } finally {
            // The targets' keys reference these databases' tables: dropped first.
            TestDatabases.execute(server, "DROP DATABASE IF EXISTS `" + first.schema() + "`",
                    "DROP DATABASE IF EXISTS `" + second.schema() + "`", "DROP DATABASE IF EXISTS `" + third.schema() + "`",
                    "DROP DATABASE IF EXISTS `" + fourth.schema() + "`", "DROP DATABASE IF EXISTS `" + dotted.other() + "`",
                    "DROP DATABASE IF EXISTS `" + dotted.other() + ".a`");
        }
    }
}
