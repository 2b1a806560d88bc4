package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom check naming {@code ${tenant}} runs once for each tenant of a shared schema, the tenant's id bound as a
 * value: a quote in it neither breaks the query nor changes it. One without it stays schema-wide.
 */
abstract class TenantCustomChecksContract {
    /** A tenant value that would turn the check's condition into "any tenant's negative total" if it were pasted in. */
    static final String INJECTION = "x' OR total < 0 OR tenant_id = 'y";
    static final String OBRIEN = "o'brien";

    @TempDir
    Path temp;
    TargetSpec target;
    Path checks;

    abstract TargetSpec createTarget();

    @BeforeEach
    void ordersOfThreeTenants() throws Exception {
        target = createTarget();
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__orders.sql", """
                CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(40) NOT NULL, total INT NOT NULL);
                INSERT INTO orders VALUES (1, 'acme', 10), (2, 'o''brien', -5), (3, 'globex', 3);
                """);
        assertThat(Flotilla.load(TargetOptions.of(target, files.path())).migrate().ok()).isTrue();
        checks = Files.createDirectories(temp.resolve("checks"));
        Files.writeString(checks.resolve("totals.sql"), """
                -- check: no-negative-totals
                -- expect: value 0
                SELECT count(*) FROM orders WHERE tenant_id = ${tenant} AND total < 0;
                -- check: every-order
                -- expect: value 3
                SELECT count(*) FROM orders;
                """);
        Files.writeString(checks.resolve("own.scenario.sql"), """
                -- scenario: a-tenant-inserts-its-own-order
                INSERT INTO orders (id, tenant_id, total) VALUES (100, ${tenant}, 1);
                -- expect: value 1
                SELECT count(*) FROM orders WHERE tenant_id = ${tenant} AND id = 100;
                """);
    }

    @AfterEach
    void dropTarget() {
        TestDatabases.drop(target);
    }

    @Test
    void a_negative_total_of_one_tenant_fails_its_check_alone_and_a_check_without_the_placeholder_runs_once() throws Exception {
        Map<String, RowCounts> tenants = new LinkedHashMap<>();
        for (String tenant : List.of("acme", OBRIEN, INJECTION)) {
            tenants.put(tenant, null);
        }

        SharedResults results = runShared(tenants);

        assertThat(results.once()).filteredOn(r -> r.id().equals("every-order")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains(CheckResult.SCHEMA_WIDE));
        assertThat(results.once()).extracting(CheckResult::id).doesNotContain("no-negative-totals",
                "a-tenant-inserts-its-own-order");
        assertThat(own(results, "acme", "no-negative-totals").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(own(results, "acme", "no-negative-totals").message()).endsWith("as expected (tenant acme)");
        CheckResult obrien = own(results, OBRIEN, "no-negative-totals");
        assertThat(obrien.status()).as(obrien.toString()).isEqualTo(CheckStatus.FAILED);
        assertThat(obrien.problems()).containsExactly("totals.sql:3 (tenant o'brien): expected the value 0, got 1");
        assertThat(own(results, INJECTION, "no-negative-totals").status()).as("bound, not pasted: no tenant has this id")
                .isEqualTo(CheckStatus.PASSED);
        for (String tenant : tenants.keySet()) {
            CheckResult scenario = own(results, tenant, "a-tenant-inserts-its-own-order");
            assertThat(scenario.status()).as(scenario.toString()).isEqualTo(CheckStatus.PASSED);
        }
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryString(session.connection(), "SELECT count(*) FROM orders")).as("scenarios rolled back")
                    .isEqualTo("3");
        }
    }

    @Test
    void on_a_target_of_its_own_the_placeholder_is_the_tenants_id_and_without_a_tenant_the_check_is_skipped()
            throws Exception {
        CheckResult obrien = find(run(TenantScope.wholeTargetOf(OBRIEN)), "no-negative-totals");
        CheckResult acme = find(run(TenantScope.wholeTargetOf("acme")), "no-negative-totals");
        CheckResult nobody = find(run(TenantScope.WHOLE_TARGET), "no-negative-totals");

        assertThat(obrien.problems()).containsExactly("totals.sql:3 (tenant o'brien): expected the value 0, got 1");
        assertThat(acme.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(acme.message()).doesNotContain(CheckResult.SCHEMA_WIDE);
        assertThat(nobody.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(nobody.message()).contains("names ${tenant}", "no tenant");
    }

    private SharedResults runShared(Map<String, RowCounts> tenants) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Verifier.runShared(context(session, TenantScope.sharedTables("tenant_id")), tenants);
        }
    }

    private List<CheckResult> run(TenantScope scope) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Verifier.run(context(session, scope));
        }
    }

    private CheckContext context(TargetSession session, TenantScope scope) throws SQLException {
        VerifyOptions options = VerifyOptions.DEFAULTS.withFolder(checks);
        return new CheckContext(session.connection(), session.dialect(), session.schema(), target.historyTable(),
                SnapshotReader.of(session), options, scope, null, null, List.of(), null,
                TargetPlan.versionInEffect(session.history().read()));
    }

    private static CheckResult own(SharedResults results, String tenant, String id) {
        return find(results.own(tenant), id);
    }

    private static CheckResult find(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + results));
    }
}
