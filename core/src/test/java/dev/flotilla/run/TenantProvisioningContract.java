package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.run.TenantProvisioning.Mode;
import dev.flotilla.run.TenantProvisioning.Request;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning new tenants, all or nothing, by a full replay and by a baseline (from a scratch run, and from a
 * reference tenant): every path gives the fingerprint of a tenant deployed the ordinary way. Each database's
 * {@code *IT} supplies the tenancy, what it must create by hand for a deployed tenant, and how to tell a
 * created target is gone.
 */
abstract class TenantProvisioningContract {
    static final String V1 = """
            CREATE TABLE companies (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL UNIQUE, email VARCHAR(100));
            CREATE TABLE serials (id INT PRIMARY KEY, company_id INT NOT NULL, serial_no VARCHAR(40) NOT NULL,
                FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE);
            CREATE INDEX serials_company ON serials (company_id);
            """;
    static final String V2 = "CREATE VIEW serial_counts AS SELECT company_id, COUNT(*) AS n FROM serials GROUP BY company_id;\n";

    @TempDir
    Path temp;
    Fleet fleet;
    MigrationFolder files;
    final String prefix = dev.flotilla.testing.TestDatabases.uniqueName();

    abstract Tenancy tenancy(String prefix);

    /** Creates the database a deployed tenant needs where the tenancy does not create one; nothing by default. */
    void prepare(TenantTarget target) throws SQLException {
    }

    /** Whether the tenant's schema, database or file exists. */
    abstract boolean exists(TenantTarget target) throws SQLException;

    /** Migrations only this database understands, to prove the copy keeps them (PostgreSQL: a sequence, a trigger). */
    String dialectMigration() {
        return null;
    }

    @BeforeEach
    void deployOne() throws SQLException {
        files = new MigrationFolder(temp.resolve("migrations")).write("V1__companies.sql", V1).write("V2__counts.sql", V2);
        if (dialectMigration() != null) {
            files.write("V2_1__dialect.sql", dialectMigration());
        }
        fleet = new Fleet(tenancy(prefix), files.path(), 1);
        prepare(fleet.target("t000"));
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(fleet.targets()).count(dev.flotilla.control.TaskStatus.SUCCEEDED))
                .isEqualTo(1);
    }

    @AfterEach
    void drop() throws SQLException {
        for (TenantRecord record : fleet.plane.tenants().all()) {
            dropTarget(TenantTarget.of(record.tenant(), fleet.tenancy));
        }
        fleet.close();
    }

    abstract void dropTarget(TenantTarget target) throws SQLException;

    TenantProvisioning provisioning() {
        return new TenantProvisioning(fleet.plane, fleet.tenancy, fleet.template(), fleet.loaded(), "test");
    }

    static Request request(String id, Mode mode, String reference) {
        return new Request(new Tenant(TenantId.of(id), null, null, null, List.of("new")), mode,
                reference == null ? null : TenantId.of(reference));
    }

    String fingerprint(String tenant) throws SQLException {
        return TestDatabases.snapshot(target(tenant).target()).fingerprint();
    }

    TenantTarget target(String tenant) {
        return TenantTarget.of(new Tenant(TenantId.of(tenant), null, null, null, List.of()), fleet.tenancy);
    }

    List<MigrationState> states(String tenant) {
        return new TargetRunner(fleet.template().forTarget(target(tenant).target(), tenant), fleet.loaded()).plan().statuses()
                .stream().map(MigrationStatus::state).toList();
    }

    @Test
    void every_path_builds_the_schema_of_a_tenant_deployed_the_ordinary_way() throws Exception {
        String deployed = fingerprint("t000");

        TenantProvisioning.Result replay = provisioning().create(request("fresh", Mode.REPLAY, null));
        TenantProvisioning.Result scratch = provisioning().create(request("fast", Mode.BASELINE, null));
        TenantProvisioning.Result again = provisioning().create(request("faster", Mode.BASELINE, null));
        TenantProvisioning.Result copied = provisioning().create(request("copy", Mode.BASELINE, "t000"));

        for (TenantProvisioning.Result result : List.of(replay, scratch, again, copied)) {
            assertThat(result.fingerprint()).as(result.how()).isEqualTo(deployed);
            assertThat(fingerprint(result.tenant().value())).isEqualTo(deployed);
            TenantRecord record = fleet.plane.tenants().find(result.tenant()).orElseThrow();
            assertThat(record.status()).isEqualTo("up-to-date");
            assertThat(record.currentVersion()).isEqualTo(dialectMigration() == null ? "2" : "2.1");
        }
        assertThat(replay.how()).startsWith("replayed");
        assertThat(scratch.how()).startsWith("baselined at version").contains("from a scratch run of every migration");
        assertThat(copied.how()).contains("from tenant t000");
        assertThat(states("fast")).containsOnly(MigrationState.BASELINED);
        try (var plane = java.sql.DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            assertThat(dev.flotilla.sql.Jdbc.queryString(plane, "SELECT COUNT(*) FROM baseline_scripts"))
                    .as("one baseline for one set of files, built once and kept").isEqualTo("1");
            assertThat(dev.flotilla.sql.Jdbc.queryString(plane, "SELECT baseline_version FROM tenants WHERE id = 'fast'"))
                    .as("lint counts the versions up to it as baselined there, not run").isEqualTo(scratch.baselineVersion())
                    .isNotNull();
            assertThat(dev.flotilla.sql.Jdbc.queryString(plane, "SELECT baseline_version FROM tenants WHERE id = '"
                    + replay.tenant().value() + "'")).as("replayed: no baseline, known to be none").isEqualTo("none");
        }
        assertThat(fleet.plane.audit().newest(10)).anyMatch(e -> e.toString().contains("tenant.create"));
    }

    @Test
    void a_baseline_stands_at_its_version_and_later_migrations_are_applied_normally() throws Exception {
        files.write("V3__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200));\n");
        String reference = "t000";

        TenantProvisioning.Result copied = provisioning().create(request("copy", Mode.BASELINE, reference));
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(List.of(fleet.target(reference))).count(
                dev.flotilla.control.TaskStatus.SUCCEEDED)).isEqualTo(1);

        assertThat(copied.applied()).containsExactly("3");
        assertThat(copied.fingerprint()).isEqualTo(fingerprint(reference));
        assertThat(states("copy")).endsWith(MigrationState.APPLIED);
    }

    @Test
    void a_reference_whose_repeatable_was_adopted_from_flyway_with_a_placeholder_is_copied_as_unchanged() throws Exception {
        String asWritten = "CREATE OR REPLACE VIEW app_role AS SELECT '${app_role}' AS role_name;\n";
        files.write("R__role.sql", asWritten);
        dev.flotilla.TargetOptions template = fleet.template().withPlaceholders(java.util.Map.of("app_role", "reporting"));
        var loaded = new dev.flotilla.migration.MigrationLoader(java.util.Set.of("app_role")).load(files.path());
        TenantTarget reference = fleet.target("t000");
        assertThat(new TargetRunner(template.forTarget(reference.target(), "t000"), loaded).migrate().ok()).isTrue();
        // The row as `adopt` records Flyway's: Flyway's checksum of the text it ran, its placeholders replaced.
        String flyways = dev.flotilla.migration.FlywayChecksum.recorded(dev.flotilla.migration.FlywayChecksum.of(
                asWritten.replace("${app_role}", "reporting")));
        try (var session = dev.flotilla.target.TargetSession.open(reference.target(), false)) {
            int rank = session.history().read().stream().filter(r -> "R__role.sql".equals(r.script())).findFirst()
                    .orElseThrow().rank();
            session.history().updateChecksum(rank, flyways);
        }

        TenantProvisioning.Result copied = new TenantProvisioning(fleet.plane, fleet.tenancy, template, loaded, "test")
                .create(request("copy", Mode.BASELINE, "t000"));

        assertThat(copied.how()).contains("from tenant t000");
        assertThat(copied.fingerprint()).isEqualTo(fingerprint("t000"));
    }

    @Test
    void a_failed_provisioning_drops_what_it_created_and_registers_nothing() throws Exception {
        files.write("V3__broken.sql", "CREATE TABLE fine (id INT PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);\n");

        assertThatThrownBy(() -> provisioning().create(request("broken", Mode.REPLAY, null)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR))
                .hasMessageContaining("Provisioning broken failed, and nothing was kept").hasMessageContaining("V3__broken.sql");

        assertThat(exists(target("broken"))).isFalse();
        assertThat(fleet.plane.tenants().find(TenantId.of("broken"))).isEmpty();
    }

    @Test
    void an_existing_target_is_never_taken_over_and_a_baseline_refuses_migrations_with_rows() throws Exception {
        files.write("V3__seed.sql", "INSERT INTO companies (id, code) VALUES (1, 'seed');\n");

        assertThatThrownBy(() -> provisioning().create(request("t000", Mode.REPLAY, null)))
                .hasMessageContaining("registered already");
        fleet.plane.tenants().remove(TenantId.of("t000"));
        assertThatThrownBy(() -> provisioning().create(request("t000", Mode.REPLAY, null)))
                .hasMessageContaining("exists already").hasMessageContaining("never takes over");
        assertThat(exists(target("t000"))).as("the existing target is left alone").isTrue();
        assertThatThrownBy(() -> provisioning().create(request("seeded", Mode.BASELINE, null)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED))
                .hasMessageContaining("V3__seed.sql insert(s) or change(s) rows");
        assertThat(exists(target("seeded"))).isFalse();
        fleet.plane.tenants().add(new Tenant(TenantId.of("t000"), null, null, null, List.of()));
    }
}
