package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.run.RunReport;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 32-table schema of seed 003 on PostgreSQL, adopted with its tenant column (widened keys, settings shared)
 * and migrated, with rows of a second tenant in stores, customers and suppliers: what the row-level security
 * tests start from. Roles are cluster-wide, so every role a test makes has a unique name and is dropped afterwards.
 * Each class's schemas are in a database of its own: the adoption builds its indexes CONCURRENTLY, which waits for every
 * older transaction of its database, other tests' too.
 */
abstract class SharedPosSchema {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    static final String OTHER = "other-tenant";
    static final String TENANT = "caps-automotive";

    @TempDir
    Path temp;
    TargetSpec target;
    Path migrations;
    String bypassRole;
    final List<String> roles = new ArrayList<>();
    SchemaSnapshot adopted;

    @BeforeEach
    void setUp() throws SQLException {
        target = DATABASE.schema(TestDatabases.uniqueName());
        migrations = temp.resolve("migrations");
        bypassRole = role("flt_admin");
        try (TargetSession session = TargetSession.open(target, true)) {
            for (String statement : new PosSchema("postgresql").statements()) {
                Jdbc.execute(session.connection(), statement);
            }
        }
        GeneratedMigration adoption;
        try (TargetSession session = TargetSession.open(target, false)) {
            adoption = TenantColumnAdoption.generate(session, AdoptionRequest.of("tenant_id", TENANT)
                    .excluding(Set.of(PosSchema.SHARED_TABLE)).withWidenedKeys());
        }
        assertApplied(write(adoption).migrate());
        sql("INSERT INTO stores (id, code, name, tenant_id) VALUES (100, 'other-store', 'other', '" + OTHER + "')",
                "INSERT INTO customers (id, store_id, email, name, tenant_id) VALUES (100, 100, 'o@example.com', 'o', '" + OTHER + "')",
                "INSERT INTO customers (id, store_id, email, name, tenant_id) VALUES (101, 100, 'p@example.com', 'p', '" + OTHER + "')",
                "INSERT INTO suppliers (id, name, tenant_id) VALUES (100, 'other', '" + OTHER + "')");
        adopted = snapshot();
    }

    @AfterEach
    void tearDown() throws SQLException {
        TestDatabases.drop(target);
        try (Connection connection = TestDatabases.connect(target)) {
            for (String role : roles) {
                if (Jdbc.queryString(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role) != null) {
                    Jdbc.execute(connection, "DROP OWNED BY " + role);
                    Jdbc.execute(connection, "DROP ROLE " + role);
                }
            }
        }
    }

    /** A unique role name, dropped after the test. */
    String role(String prefix) {
        String name = prefix + "_" + TestDatabases.uniqueName().substring(4);
        roles.add(name);
        return name;
    }

    RlsRequest request() {
        return RlsRequest.defaults().withBypassRole(bypassRole);
    }

    GeneratedMigration generate(RlsRequest request) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return RowLevelSecurity.generate(session, request);
        }
    }

    Flotilla write(GeneratedMigration migration) {
        NewMigrationFiles.write(migrations, migration.description(), migration.up(), migration.down(), null);
        return Flotilla.load(TargetOptions.of(target, migrations));
    }

    SchemaSnapshot snapshot() throws SQLException {
        return TestDatabases.snapshot(target);
    }

    void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target, true)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    static VerifyOptions rls(String appRole) {
        Set<String> others = new java.util.HashSet<>(VerifyOptions.BUILT_IN);
        others.removeAll(List.of("rls-enabled", "rls-isolation"));
        return new VerifyOptions(others, List.of(), null, new VerifyOptions.RlsRule("tenant_id", "app.tenant_id", appRole,
                Set.of()), List.of(), null, null);
    }

    static List<CheckResult> verify(TargetSession session, VerifyOptions options) throws SQLException {
        return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(),
                session.spec().historyTable(), SnapshotReader.of(session), options, TenantScope.WHOLE_TARGET, null, null,
                List.of(), null, null));
    }

    List<CheckResult> verify(String appRole) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return verify(session, rls(appRole));
        }
    }

    /** The application's role: may log in nowhere, reads and writes the tenant tables. */
    String appRole() throws SQLException {
        String app = role("flt_app");
        sql("CREATE ROLE " + app + " NOLOGIN", "GRANT USAGE ON SCHEMA \"" + target.schema() + "\" TO " + app,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"" + target.schema() + "\" TO " + app);
        return app;
    }

    GeneratedMigration applyRls() throws SQLException {
        GeneratedMigration migration = generate(request());
        assertApplied(write(migration).migrate());
        return migration;
    }

    static void assertApplied(RunReport report) {
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    static void assertPassed(List<CheckResult> results) {
        assertThat(results).extracting(CheckResult::id).containsExactly("rls-enabled", "rls-isolation");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
    }

    RowCounts counts() throws SQLException {
        return TestDatabases.rowCounts(target);
    }
}
