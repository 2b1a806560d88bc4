package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every dialect's snapshot reader must see; each database's {@code *IT} supplies fresh targets. */
abstract class SnapshotReaderContract {
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE companies (id INTEGER PRIMARY KEY, code VARCHAR(64) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL)",
            "CREATE TABLE serials (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL,"
                    + " serial_no VARCHAR(64) NOT NULL, status VARCHAR(20) DEFAULT 'available' NOT NULL,"
                    + " qty INTEGER CHECK (qty >= 0), UNIQUE (company_id, serial_no),"
                    + " FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE)",
            "CREATE INDEX idx_serials_status ON serials (company_id, status)",
            "CREATE VIEW available_serials AS SELECT id, serial_no FROM serials WHERE status = 'available'",
            "CREATE TABLE tenant_migrations (installed_rank INTEGER PRIMARY KEY)");

    @TempDir
    Path temp;
    final List<TargetSpec> targets = new ArrayList<>();

    /** A fresh, empty target; {@code n} tells two targets of one test apart. */
    abstract TargetSpec newTarget(Path temp, int n);

    @AfterEach
    void dropTargets() {
        targets.forEach(TestDatabases::drop);
    }

    TargetSpec target(int n) {
        TargetSpec spec = newTarget(temp, n);
        targets.add(spec);
        return spec;
    }

    static SchemaSnapshot build(TargetSpec spec, List<String> statements) throws SQLException {
        try (TargetSession session = TargetSession.open(spec, true)) {
            for (String sql : statements) {
                Jdbc.execute(session.connection(), sql);
            }
            return SnapshotReader.of(session);
        }
    }

    /** The tables the foreign keys of {@code snapshot} reference, as it names them. */
    static List<String> references(SchemaSnapshot snapshot) {
        return snapshot.tables().stream().flatMap(t -> t.foreignKeys().stream()).map(SchemaSnapshot.ForeignKey::referencedTable)
                .toList();
    }

    static String lower(String name) {
        return name.toLowerCase();
    }

    @Test
    void reads_tables_columns_keys_indexes_constraints_and_views_without_the_history_table() throws Exception {
        SchemaSnapshot snapshot = build(target(1), SCHEMA);

        assertThat(snapshot.tables()).extracting(t -> lower(t.name())).containsExactly("companies", "serials");
        Table serials = snapshot.table("serials").orElseThrow();
        assertThat(serials.columns()).extracting(c -> lower(c.name()))
                .containsExactly("id", "company_id", "serial_no", "status", "qty");
        assertThat(serials.column("status").orElseThrow()).satisfies(c -> {
            assertThat(c.nullable()).isFalse();
            assertThat(c.defaultValue()).contains("available");
        });
        assertThat(serials.column("qty").orElseThrow().nullable()).isTrue();
        assertThat(serials.primaryKey()).extracting(SnapshotReaderContract::lower).containsExactly("id");
        assertThat(serials.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.columns()).extracting(SnapshotReaderContract::lower).containsExactly("company_id");
            assertThat(lower(fk.referencedTable())).isEqualTo("companies");
            assertThat(fk.referencedColumns()).extracting(SnapshotReaderContract::lower).containsExactly("id");
            assertThat(fk.onDelete()).isEqualTo("CASCADE");
        });
        assertThat(serials.uniques()).extracting(u -> u.columns().stream().map(SnapshotReaderContract::lower).toList())
                .containsExactly(List.of("company_id", "serial_no"));
        assertThat(serials.indexes()).anySatisfy(index -> {
            assertThat(lower(index.name())).isEqualTo("idx_serials_status");
            assertThat(index.columns()).extracting(SnapshotReaderContract::lower).containsExactly("company_id", "status");
            assertThat(index.unique()).isFalse();
        });
        assertThat(serials.checks()).singleElement().satisfies(check -> assertThat(lower(check.expression())).contains("qty"));
        assertThat(snapshot.table("companies").orElseThrow().uniques()).hasSize(1);
        assertThat(snapshot.views()).extracting(v -> lower(v.name())).containsExactly("available_serials");
    }

    @Test
    void two_targets_built_alike_have_the_same_fingerprint_and_no_diff() throws Exception {
        SchemaSnapshot first = build(target(1), SCHEMA);
        SchemaSnapshot second = build(target(2), SCHEMA);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(SchemaDiff.between(first, second).isEmpty()).as(SchemaDiff.between(first, second).toString()).isTrue();
    }

    @Test
    void the_diff_names_what_a_change_added_changed_and_dropped() throws Exception {
        TargetSpec spec = target(1);
        SchemaSnapshot before = build(spec, SCHEMA);
        SchemaSnapshot after = build(spec, List.of(
                "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, reason VARCHAR(100))",
                "ALTER TABLE companies ADD COLUMN plan VARCHAR(20)",
                "CREATE UNIQUE INDEX uniq_company_name ON companies (name)",
                "DROP VIEW available_serials"));

        SchemaDiff diff = SchemaDiff.between(before, after);

        assertThat(diff.names(Kind.TABLE, Action.ADDED)).extracting(SnapshotReaderContract::lower).containsExactly("serial_quarantine");
        assertThat(diff.names(Kind.COLUMN, Action.ADDED)).extracting(SnapshotReaderContract::lower).containsExactly("companies.plan");
        assertThat(diff.names(Kind.INDEX, Action.ADDED)).extracting(SnapshotReaderContract::lower).containsExactly("uniq_company_name");
        assertThat(diff.names(Kind.VIEW, Action.REMOVED)).extracting(SnapshotReaderContract::lower).containsExactly("available_serials");
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
    }
}
