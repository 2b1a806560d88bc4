package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fk-orphans after a deployment fails only on the orphan rows the deployment introduced: more under a key than it had
 * before, or any under a key it added; orphans already there are a notice with their counts. Each database's
 * {@code *IT} says how a migration gets rows past a foreign key.
 */
abstract class OrphansAfterDeployContract {
    static final String BASE = """
            CREATE TABLE companies (id INT PRIMARY KEY);
            CREATE TABLE serials (id INT PRIMARY KEY, company_id INT NOT NULL,
                CONSTRAINT serials_company FOREIGN KEY (company_id) REFERENCES companies (id));
            CREATE TABLE notes (id INT PRIMARY KEY, company_id INT NOT NULL);
            INSERT INTO companies VALUES (1);
            INSERT INTO serials VALUES (1, 1);
            INSERT INTO notes VALUES (1, 1), (2, 42);
            """;
    static final String KEY = "serials.company_id -> companies.id";

    @TempDir
    Path temp;
    MigrationFolder files;
    Fleet fleet;

    /** One schema (a database on MariaDB) per tenant, named after {@code prefix}. */
    abstract Tenancy tenancy(String prefix);

    /** Tenants sharing {@code schema} (a database on MariaDB), their rows told apart by {@code tenant_id}. */
    abstract Tenancy sharedTenancy(String schema);

    /** A migration inserting {@code rows} into serials past its foreign key, the key kept as it was. */
    abstract String insertPastTheKey(String rows);

    /** A migration adding a foreign key from notes.company_id to companies.id that does not check the rows there. */
    abstract String addKeyWithoutChecking();

    @BeforeEach
    void createFleet() {
        files = new MigrationFolder(temp.resolve("migrations")).write("V1__base.sql", BASE);
        fleet = new Fleet(tenancy("flt_pg_" + TestDatabases.uniqueName().substring(4)), files.path(), 1);
    }

    @AfterEach
    void dropFleet() {
        fleet.drop();
        fleet.close();
    }

    private DeployResult deploy(boolean verify) {
        FleetOptions options = Fleet.options(1, true);
        return fleet.runner(verify ? options.withVerify(VerifyOptions.DEFAULTS) : options).deploy(fleet.targets());
    }

    /** Two orphans under serials' key, deployed without checks: what a bulk load with the checks off leaves behind. */
    private void orphansAlreadyThere() {
        files.write("V2__load.sql", insertPastTheKey("(2, 42), (3, 43)"));
        assertThat(deploy(false).ok()).isTrue();
    }

    private CheckResult fkOrphans() {
        return fkOrphans(fleet, "t000");
    }

    private static CheckResult fkOrphans(Fleet fleet, String tenant) {
        return fleet.plane.verifications().latest(TenantId.of(tenant)).orElseThrow().results().stream()
                .filter(r -> r.id().equals("fk-orphans")).findFirst().orElseThrow();
    }

    @Test
    void orphans_already_there_before_the_deployment_are_a_notice_with_their_counts_not_a_failure() {
        orphansAlreadyThere();
        files.write("V3__extra.sql", "CREATE TABLE extra (id INT PRIMARY KEY);\n");

        List<TenantDryRun> dryRun = new FleetDryRun(fleet.template(), fleet.loaded(), new DryRunOptions(DryRunMode.AUTO, 0,
                null, LintOptions.DEFAULTS, VerifyOptions.DEFAULTS), 1, 1).run(fleet.targets());
        DeployResult result = deploy(true);

        assertThat(dryRun.get(0).report().ok()).as(dryRun.get(0).firstError()).isTrue();
        assertThat(result.tasks()).extracting(TaskResult::status).as(String.valueOf(result.tasks().get(0).error()))
                .containsExactly(TaskStatus.SUCCEEDED);
        CheckResult orphans = fkOrphans();
        assertThat(orphans.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(orphans.message()).isEqualTo("1 foreign key(s) without new orphan rows. Notice: orphan rows already there"
                + " before the deployment, not counted as failures: " + KEY + ": 2 orphan row(s).");
    }

    @Test
    void an_orphan_the_deployment_adds_under_a_key_that_had_some_fails_naming_both_counts() {
        orphansAlreadyThere();
        files.write("V3__more.sql", insertPastTheKey("(4, 44)"));

        DeployResult result = deploy(true);

        assertThat(result.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.FAILED);
        assertThat(result.tasks().get(0).error()).contains("fk-orphans failed", KEY + ": 3 orphan row(s), 2 before the"
                + " deployment (1 new)");
        assertThat(fkOrphans().problems()).containsExactly(KEY + ": 3 orphan row(s), 2 before the deployment (1 new)");
    }

    @Test
    void a_foreign_key_the_deployment_adds_that_rows_already_there_break_fails() {
        assertThat(deploy(false).ok()).isTrue();
        files.write("V2__notes_key.sql", addKeyWithoutChecking());

        DeployResult result = deploy(true);

        assertThat(result.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.FAILED);
        assertThat(fkOrphans().problems()).singleElement().satisfies(p -> assertThat(p).startsWith(
                "notes.company_id -> companies.id: 1 orphan row(s) under a foreign key this deployment added").contains(
                "delete or fix those rows, then validate the key"));
    }

    @Test
    void in_a_shared_schema_a_tenant_fails_only_for_orphans_the_deployment_added_to_its_own_rows() {
        MigrationFolder sharedFiles = new MigrationFolder(temp.resolve("shared")).write("V1__base.sql", """
                CREATE TABLE companies (id INT PRIMARY KEY, tenant_id VARCHAR(20) NOT NULL);
                CREATE TABLE serials (id INT PRIMARY KEY, tenant_id VARCHAR(20) NOT NULL, company_id INT NOT NULL,
                    CONSTRAINT serials_company FOREIGN KEY (company_id) REFERENCES companies (id));
                INSERT INTO companies VALUES (1, 't000'), (2, 't001');
                INSERT INTO serials VALUES (1, 't000', 1), (2, 't001', 2);
                """).write("V2__load.sql", insertPastTheKey("(3, 't000', 42)"));
        Set<String> others = new java.util.HashSet<>(VerifyOptions.BUILT_IN);
        others.remove("fk-orphans");
        VerifyOptions orphansOnly = new VerifyOptions(others, List.of(), null, null, List.of(), null, null).sharedBy("tenant_id");
        try (Fleet shared = new Fleet(sharedTenancy("flt_pg_" + TestDatabases.uniqueName().substring(4)), sharedFiles.path(), 2)) {
            try {
                assertThat(shared.runner(Fleet.options(1, true)).deploy(shared.targets()).ok()).isTrue();
                sharedFiles.write("V3__more.sql", insertPastTheKey("(4, 't001', 43)"));

                DeployResult result = shared.runner(Fleet.options(1, true).withVerify(orphansOnly)).deploy(shared.targets());

                assertThat(result.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.SUCCEEDED, TaskStatus.FAILED);
                assertThat(fkOrphans(shared, "t000").message()).contains("without new orphan rows of t000", "Notice: orphan"
                        + " rows already there before the deployment, not counted as failures: " + KEY + ": 1 orphan row(s) of t000.");
                assertThat(fkOrphans(shared, "t001").problems()).containsExactly(KEY + ": 1 orphan row(s) of t001, 0 before"
                        + " the deployment (1 new)");
            } finally {
                shared.drop();
            }
        }
    }

    @Test
    void verify_on_demand_with_nothing_from_before_fails_on_every_orphan() {
        orphansAlreadyThere();

        List<TenantVerification> verify = new FleetVerify(fleet.template(), fleet.loaded(), VerifyOptions.DEFAULTS, null, 1, 1)
                .run(fleet.targets());

        assertThat(verify.get(0).results()).filteredOn(r -> r.id().equals("fk-orphans")).singleElement()
                .satisfies(r -> assertThat(r.problems()).containsExactly(KEY + ": 2 orphan row(s)"));
    }
}
