package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantColumnAdoptionSqliteIT extends TenantColumnAdoptionContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    @Override
    public String badgesCodeIndex() {
        return "CREATE UNIQUE INDEX badges_code_uidx ON badges (code) WHERE code <> 'retired'";
    }

    @Test
    void a_rebuilt_table_keeps_its_indexes_and_triggers_and_an_explicit_unique_index_is_widened() throws Exception {
        sql("CREATE UNIQUE INDEX products_name_unique ON products (name)", "CREATE INDEX sales_total ON sales (total)",
                "CREATE TRIGGER sale_lines_touch AFTER INSERT ON sale_lines BEGIN UPDATE sales SET total = total + 1"
                        + " WHERE id = NEW.sale_id; END");
        SchemaSnapshot before = snapshot();
        Flotilla flotilla = write(adopt(request().withWidenedKeys().droppingDefault()));

        assertApplied(flotilla.migrate());

        SchemaSnapshot adopted = snapshot();
        assertThat(adopted.table("products").orElseThrow().indexes()).anyMatch(i -> i.name().equals("products_name_unique")
                && i.unique() && i.columns().equals(List.of("tenant_id", "name")));
        assertThat(adopted.table("sales").orElseThrow().indexes()).anyMatch(i -> i.name().equals("sales_total"));
        sql("INSERT INTO sale_lines (id, sale_id, product_id, quantity, tenant_id) VALUES (100, 1, 1, 1, 'caps-automotive')");
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryString(session.connection(), "SELECT total FROM sales WHERE id = 1")).isEqualTo("11");
        }
        sql("DELETE FROM sale_lines WHERE id = 100", "UPDATE sales SET total = 10 WHERE id = 1");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(snapshot().fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void a_rebuilt_autoincrement_table_never_hands_out_an_id_it_gave_before_nor_does_its_rollback() throws Exception {
        sql("CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT NOT NULL)",
                "INSERT INTO tickets (note) VALUES ('one'), ('two'), ('three')", "DELETE FROM tickets WHERE id = 3");
        Flotilla flotilla = write(adopt(request().droppingDefault()));

        assertApplied(flotilla.migrate());

        sql("INSERT INTO tickets (note, tenant_id) VALUES ('four', 'caps-automotive')");
        assertThat(query("SELECT max(id) FROM tickets")).isEqualTo("4");
        sql("DELETE FROM tickets WHERE id = 4");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        sql("INSERT INTO tickets (note) VALUES ('five')");
        assertThat(query("SELECT max(id) FROM tickets")).isEqualTo("5");
        assertThat(query("SELECT count(*) FROM sqlite_sequence WHERE name LIKE 'flotilla_%'")).isEqualTo("0");
    }

    private String query(String sql) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Jdbc.queryString(session.connection(), sql);
        }
    }

    @Test
    void an_explicit_unique_index_whose_quoted_name_holds_spaces_and_brackets_is_widened_too() throws Exception {
        sql("CREATE UNIQUE INDEX \"products name (unique)\" ON products (name)",
                "CREATE UNIQUE INDEX \"products name (unique) v2\" ON products (name, sku)");
        Flotilla flotilla = write(adopt(request().withWidenedKeys().droppingDefault()));

        assertApplied(flotilla.migrate());

        assertThat(snapshot().table("products").orElseThrow().indexes())
                .anyMatch(i -> i.name().equals("products name (unique)") && i.columns().equals(List.of("tenant_id", "name")))
                .anyMatch(i -> i.name().equals("products name (unique) v2")
                        && i.columns().equals(List.of("tenant_id", "name", "sku")));
    }

    @Override
    public boolean rerunnable() {
        return false;
    }

    @Override
    public void enforceForeignKeys(java.sql.Connection connection) throws SQLException {
        Jdbc.execute(connection, "PRAGMA foreign_keys = ON");
    }

    @Test
    void a_quoted_exclusion_names_its_table_whatever_the_case_as_sqlite_reads_quoted_names_and_so_does_the_check()
            throws Exception {
        GeneratedMigration migration = adopt(AdoptionRequest.of("tenant_id", "caps-automotive")
                .excluding(java.util.Set.of("\"Settings\"")));

        assertThat(migration.warnings()).isEmpty();
        assertThat(migration.tables()).doesNotContain(PosSchema.SHARED_TABLE);
        assertApplied(write(migration).migrate());
        try (TargetSession session = TargetSession.open(target, false)) {
            var checks = dev.flotilla.verify.Verifier.run(new dev.flotilla.verify.CheckContext(session.connection(),
                    session.dialect(), session.schema(), target.historyTable(), dev.flotilla.schema.SnapshotReader.of(session),
                    CHECKS.withTenantColumn(new dev.flotilla.verify.VerifyOptions.TenantColumnRule("tenant_id",
                            java.util.Set.of("\"Settings\""))), dev.flotilla.verify.TenantScope.WHOLE_TARGET, counts(), null,
                    List.of(), null, null));
            assertThat(checks).filteredOn(c -> c.id().equals("tenant-column")).singleElement()
                    .satisfies(c -> assertThat(c.problems()).as("settings excluded").noneMatch(p -> p.startsWith("settings")));
        }
    }
}
