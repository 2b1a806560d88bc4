package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift over a deployed fleet: a hand-added index and a dropped column are found in exactly the two tenants
 * they were made in, with what differs, and nothing else drifts; the expected schema is built once and then
 * served by its remembered fingerprint. Each database's {@code *IT} supplies the tenancy and fleet size.
 */
abstract class FleetDriftContract extends FleetFixture {
    /**
     * A migration adding a function {@link #function()} that a trigger on serials calls, and a sequence; then the
     * statements that edit the function's body by hand.
     */
    abstract String functionTriggerAndSequence();

    abstract List<String> editFunctionByHand();

    /** The function's signature as a snapshot names it. */
    abstract String function();

    @Override
    void writeMigrations(MigrationFolder files) {
        companiesAndSerials(files);
    }

    /** The two migrations every drift test deploys first: companies (with an email), serials referencing it. */
    static MigrationFolder companiesAndSerials(MigrationFolder files) {
        return files.write("V1__companies.sql", """
                CREATE TABLE companies (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL, email VARCHAR(100));
                INSERT INTO companies (id, code) VALUES (1, '${tenant}');
                """).write("V2__serials.sql", """
                CREATE TABLE serials (id INT PRIMARY KEY, company_id INT NOT NULL, serial_no VARCHAR(40) NOT NULL,
                    FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE);
                CREATE INDEX serials_company ON serials (company_id);
                """);
    }

    @BeforeEach
    void deploy() {
        DeployResult result = fleet.runner(Fleet.options(4, false)).deploy(fleet.targets());
        assertThat(result.count(TaskStatus.SUCCEEDED)).isEqualTo(fleetSize());
    }

    FleetDrift drift(ReferenceCache cache) {
        return new FleetDrift(fleet.template(), fleet.loaded(), 4, 4, cache);
    }

    void sql(TenantTarget target, String statement) throws SQLException {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            Jdbc.execute(session.connection(), statement);
        }
    }

    @Test
    void finds_a_hand_added_index_and_a_dropped_column_in_two_tenants_and_nothing_else() throws Exception {
        String dropped = fleetSize() > 107 ? "t107" : "t011";
        sql(fleet.target("t003"), "CREATE INDEX by_hand ON serials (serial_no)");
        sql(fleet.target(dropped), "ALTER TABLE companies DROP COLUMN email");
        ReferenceCache cache = ReferenceCache.inMemory();

        DriftReport report = drift(cache).check(fleet.targets());

        assertThat(report.count(Status.CLEAN)).isEqualTo(fleetSize() - 2);
        assertThat(report.count(Status.DRIFTED)).isEqualTo(2);
        assertThat(report.referencesBuilt()).as("one expected schema for one history").isEqualTo(1);
        TenantDrift index = find(report, "t003");
        assertThat(index.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.INDEX);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.ADDED);
            assertThat(change.toString()).containsIgnoringCase("by_hand");
        });
        TenantDrift column = find(report, dropped);
        assertThat(column.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.COLUMN);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.REMOVED);
            assertThat(change.name()).isEqualToIgnoringCase("companies.email");
        });
        assertThat(report.groups()).hasSize(3);
        assertThat(report.groups().get(0).status()).isEqualTo(Status.CLEAN);
        assertThat(report.groups().get(0).tenants()).hasSize(fleetSize() - 2);
    }

    @Test
    void a_second_check_needs_no_scratch_build_and_an_edited_history_says_why_it_cannot_tell() throws Exception {
        ReferenceCache cache = ReferenceCache.inMemory();
        drift(cache).check(fleet.targets());
        AtomicInteger asked = new AtomicInteger();
        ReferenceCache counting = new ReferenceCache() {
            @Override
            public java.util.Optional<String> fingerprint(String key) {
                asked.incrementAndGet();
                return cache.fingerprint(key);
            }

            @Override
            public void remember(String key, String dialect, String fingerprint) {
                cache.remember(key, dialect, fingerprint);
            }
        };

        DriftReport again = drift(counting).check(fleet.targets());
        migrations().write("V2__serials.sql", "CREATE TABLE serials (id INT PRIMARY KEY);\n");
        DriftReport edited = drift(cache).check(fleet.targets(0, 2));

        assertThat(again.referencesBuilt()).isZero();
        assertThat(again.count(Status.CLEAN)).isEqualTo(fleetSize());
        assertThat(asked.get()).isEqualTo(fleetSize());
        assertThat(edited.tenants()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(Status.UNKNOWN);
            assertThat(t.reason()).contains("version 2 (serials) was edited after it was applied");
        });
    }

    void deployFunctionTriggerAndSequence() {
        migrations().write("V3__serial_numbering.sql", functionTriggerAndSequence());
        DeployResult result = fleet.runner(Fleet.options(4, false)).deploy(fleet.targets());
        assertThat(result.count(TaskStatus.SUCCEEDED)).isEqualTo(fleetSize());
    }

    @Test
    void a_function_edited_by_hand_is_drift_in_that_tenant_alone_and_named() throws Exception {
        deployFunctionTriggerAndSequence();
        for (String statement : editFunctionByHand()) {
            sql(fleet.target("t005"), statement);
        }

        DriftReport report = drift(ReferenceCache.inMemory()).check(fleet.targets());

        assertThat(report.count(Status.CLEAN)).as("tenants alike have no drift").isEqualTo(fleetSize() - 1);
        TenantDrift edited = find(report, "t005");
        assertThat(edited.status()).isEqualTo(Status.DRIFTED);
        assertThat(edited.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.ROUTINE);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.CHANGED);
            assertThat(change.name()).isEqualTo(function());
        });
        assertThat(edited.outcome()).isEqualTo("changed routine " + function() + ": definition changed");
    }

    @Test
    void a_reference_an_earlier_version_remembered_is_built_again_once_instead_of_making_every_tenant_drift() throws Exception {
        deployFunctionTriggerAndSequence();
        drift(fleet.plane.drift()).check(fleet.targets(0, 1));
        // What the version before sequences and routines remembered: the fingerprint of tables and views alone.
        String formatOne = TestDatabases.snapshot(fleet.target("t000").target()).fingerprint(1);
        try (java.sql.Connection plane = java.sql.DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            assertThat(Jdbc.update(plane, "UPDATE drift_references SET fingerprint = ?, fingerprint_format = 1", formatOne))
                    .isEqualTo(1);
        }

        DriftReport upgraded = drift(fleet.plane.drift()).check(fleet.targets());
        DriftReport again = drift(fleet.plane.drift()).check(fleet.targets());

        assertThat(upgraded.count(Status.CLEAN)).isEqualTo(fleetSize());
        assertThat(upgraded.referencesBuilt()).isEqualTo(1);
        assertThat(again.count(Status.CLEAN)).isEqualTo(fleetSize());
        assertThat(again.referencesBuilt()).as("remembered again, in the current format").isZero();
    }

    @Test
    void a_tenant_whose_repeatable_a_rollback_marked_to_run_again_is_checked_against_that_rollback_replayed() throws Exception {
        migrations().write("U2__serials.sql", "DROP TABLE serials;\n")
                .write("R__company_codes.sql", "CREATE OR REPLACE VIEW company_codes AS SELECT id, code FROM companies;\n");
        assertThat(fleet.runner(Fleet.options(4, false)).deploy(fleet.targets(0, 3)).count(TaskStatus.SUCCEEDED)).isEqualTo(3);
        List<TenantTarget> rolledBack = fleet.targets(0, 3).subList(1, 3);
        for (TenantTarget target : rolledBack) {
            RunReport rollback = new TargetRunner(fleet.template().forTarget(target.target(), target.tenant().id().value()),
                    fleet.loaded()).rollback(RollbackRequest.steps(1));
            assertThat(rollback.ok()).as(rollback.problems().toString()).isTrue();
        }
        sql(rolledBack.get(1), "DROP VIEW company_codes");

        DriftReport report = drift(ReferenceCache.inMemory()).check(fleet.targets(0, 3));

        assertThat(report.tenants().get(0).status()).isEqualTo(Status.CLEAN);
        // The view the repeatable made is still there (the down file left it), as the replayed rollback leaves it too.
        TenantDrift kept = report.tenants().get(1);
        assertThat(kept.status()).as(kept.reason() + " " + kept.diff()).isEqualTo(Status.CLEAN);
        TenantDrift dropped = report.tenants().get(2);
        assertThat(dropped.status()).as(dropped.reason()).isEqualTo(Status.DRIFTED);
        assertThat(dropped.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.VIEW);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.REMOVED);
            assertThat(change.toString()).containsIgnoringCase("company_codes");
        });
        assertThat(kept.expected()).as("one history: one expected schema").isEqualTo(dropped.expected())
                .isNotEqualTo(report.tenants().get(0).expected());
    }

    @Test
    void a_repeatable_view_made_before_a_later_migration_added_a_column_is_expected_without_it() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 3);
        migrations().write("R__company_view.sql", "CREATE OR REPLACE VIEW company_view AS SELECT * FROM companies;\n");
        assertThat(fleet.runner(Fleet.options(4, false)).deploy(targets).count(TaskStatus.SUCCEEDED)).isEqualTo(3);
        migrations().write("V3__phones.sql", "ALTER TABLE companies ADD COLUMN phone VARCHAR(20);\n");
        assertThat(fleet.runner(Fleet.options(4, false)).deploy(targets).count(TaskStatus.SUCCEEDED)).isEqualTo(3);
        // The view as it would be had the repeatable run after V3: what replaying the files in their order would expect.
        sql(targets.get(2), "CREATE OR REPLACE VIEW company_view AS SELECT * FROM companies");

        DriftReport report = drift(ReferenceCache.inMemory()).check(targets);

        // The view's columns are the table's when the view was made, before V3 added phone: so in the expected schema too.
        for (TenantDrift tenant : report.tenants().subList(0, 2)) {
            assertThat(tenant.status()).as(tenant.tenant() + ": " + tenant.reason() + " " + tenant.diff()).isEqualTo(Status.CLEAN);
        }
        TenantDrift remade = report.tenants().get(2);
        assertThat(remade.status()).as(remade.reason()).isEqualTo(Status.DRIFTED);
        assertThat(remade.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.VIEW);
            assertThat(change.toString()).containsIgnoringCase("company_view");
        });
    }

    private static TenantDrift find(DriftReport report, String tenant) {
        return report.tenants().stream().filter(t -> t.tenant().value().equals(tenant)).findFirst().orElseThrow();
    }
}
