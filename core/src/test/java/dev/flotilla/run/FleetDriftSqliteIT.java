package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift over SQLite tenants, a file each, their expected schema built in a temporary file: a hand-added index is found
 * in its tenant alone, from one expected schema for one history; and a repeatable view whose column a later migration
 * renamed (SQLite rewrites the view's text) is expected as the history ran them, the view made before the rename, also
 * when that migration ran out of order and out-of-order migrations are no longer allowed.
 */
class FleetDriftSqliteIT {
    private static final int TENANTS = 4;
    /** A repeatable view over a column that {@link #RENAME_EMAIL} renames. */
    private static final String COMPANY_EMAILS = """
            DROP VIEW IF EXISTS company_emails;
            CREATE VIEW company_emails AS SELECT id, email FROM companies;
            """;
    private static final String RENAME_EMAIL = "ALTER TABLE companies RENAME COLUMN email TO contact;\n";

    @TempDir
    Path temp;
    private MigrationFolder files;
    private Fleet fleet;

    @BeforeEach
    void deploy() {
        files = FleetDriftContract.companiesAndSerials(new MigrationFolder(temp.resolve("migrations")));
        fleet = new Fleet(new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + temp + "/{tenant}.db", null,
                null, null, null), files.path(), TENANTS);
        deployAll();
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    private void deployAll() {
        assertThat(fleet.runner(Fleet.options(4, false)).deploy(fleet.targets()).count(TaskStatus.SUCCEEDED)).isEqualTo(TENANTS);
    }

    private void deployAllOutOfOrder() {
        ValidationPolicy outOfOrder = ValidationPolicy.STRICT.withOutOfOrder(true);
        FleetRunner runner = new FleetRunner(fleet.plane, fleet.template().withPolicy(outOfOrder), fleet.loaded(),
                Fleet.options(4, false), FleetListener.SILENT);
        assertThat(runner.deploy(fleet.targets()).count(TaskStatus.SUCCEEDED)).isEqualTo(TENANTS);
    }

    private DriftReport check() {
        return new FleetDrift(fleet.template(), fleet.loaded(), 4, 4, ReferenceCache.inMemory()).check(fleet.targets());
    }

    private void sql(String tenant, String statement) throws SQLException {
        try (TargetSession session = TargetSession.open(fleet.target(tenant).target(), false)) {
            Jdbc.execute(session.connection(), statement);
        }
    }

    private static TenantDrift find(DriftReport report, String tenant) {
        return report.tenants().stream().filter(t -> t.tenant().value().equals(tenant)).findFirst().orElseThrow();
    }

    @Test
    void finds_a_hand_added_index_in_its_tenant_alone_from_one_expected_schema() throws Exception {
        sql("t002", "CREATE INDEX by_hand ON serials (serial_no)");

        DriftReport report = check();

        assertThat(report.count(Status.CLEAN)).isEqualTo(TENANTS - 1);
        assertThat(report.referencesBuilt()).as("one expected schema for one history").isEqualTo(1);
        assertThat(find(report, "t002").diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.INDEX);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.ADDED);
            assertThat(change.toString()).contains("by_hand");
        });
    }

    @Test
    void a_repeatable_view_whose_column_a_later_migration_renamed_is_expected_as_the_history_ran_them() throws Exception {
        files.write("R__company_emails.sql", COMPANY_EMAILS);
        deployAll();
        files.write("V3__contact.sql", RENAME_EMAIL);
        deployAll();
        sql("t003", "DROP VIEW company_emails");
        sql("t003", "CREATE VIEW company_emails AS SELECT id, contact AS email FROM companies");

        DriftReport report = check();

        // Replayed in the files' order instead (V3 before the view), the view would name a column gone by then.
        for (TenantDrift tenant : report.tenants().subList(0, TENANTS - 1)) {
            assertThat(tenant.status()).as(tenant.tenant() + ": " + tenant.reason() + " " + tenant.diff()).isEqualTo(Status.CLEAN);
        }
        TenantDrift byHand = find(report, "t003");
        assertThat(byHand.status()).as(byHand.reason()).isEqualTo(Status.DRIFTED);
        assertThat(byHand.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.VIEW);
            assertThat(change.toString()).contains("company_emails");
        });
    }

    @Test
    void a_version_applied_out_of_order_after_a_repeatable_is_expected_as_applied_once_out_of_order_is_off_again()
            throws Exception {
        files.write("V4__phone.sql", "ALTER TABLE companies ADD COLUMN phone VARCHAR(40);\n").write("R__company_emails.sql", COMPANY_EMAILS);
        deployAll();
        files.write("V3__contact.sql", RENAME_EMAIL);
        deployAllOutOfOrder();
        sql("t001", "CREATE INDEX by_hand ON companies (phone)");

        // Out-of-order migrations are not allowed by the fleet's configuration any more (fleet.template()).
        DriftReport report = check();

        // Replayed with V3 before the view, as their versions go, the view would name a column gone by then.
        for (TenantDrift tenant : report.tenants()) {
            Status expected = tenant.tenant().value().equals("t001") ? Status.DRIFTED : Status.CLEAN;
            assertThat(tenant.status()).as(tenant.tenant() + ": " + tenant.reason() + " " + tenant.diff()).isEqualTo(expected);
        }
        assertThat(find(report, "t001").diff().changes()).singleElement().satisfies(change ->
                assertThat(change.toString()).contains("by_hand"));
    }
}
