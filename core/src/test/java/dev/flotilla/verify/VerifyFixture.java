package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TargetUnderTest;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What the verify contracts share: the schemas they start from, the target (each database's {@code *IT}, through
 * {@link VerifyContract}, supplies it), and the helpers that migrate it and run the checks on it.
 */
interface VerifyFixture extends TargetUnderTest {
    Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    String GOOD = """
            CREATE TABLE companies (id INTEGER PRIMARY KEY, code VARCHAR(40) NOT NULL);
            CREATE TABLE serials (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, serial_no VARCHAR(40) NOT NULL,
                UNIQUE (company_id, serial_no), FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE);
            INSERT INTO companies (id, code) VALUES (1, 'a');
            INSERT INTO companies (id, code) VALUES (2, 'b');
            INSERT INTO serials (id, company_id, serial_no) VALUES (1, 1, 's1');
            INSERT INTO serials (id, company_id, serial_no) VALUES (2, 2, 's2');
            """;

    VerifyOptions ALL = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule("companies", "CASCADE", null)),
            new VerifyOptions.TenantColumnRule("company_id", Set.of("companies")), null,
            VerifyOptions.IndexQuery.always("SELECT * FROM serials WHERE company_id = 1"), null, null);

    default void migrate(String sql) {
        files().write("V1__base.sql", sql);
        assertThat(flotilla().migrate().ok()).isTrue();
    }

    default void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    default List<CheckResult> verify(VerifyOptions options, RowCounts before, LoadedMigrations migrations, List<String> appliedNow,
                                     SchemaDiff expected) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            CheckContext context = new CheckContext(session.connection(), session.dialect(), session.schema(),
                    target().historyTable(), SnapshotReader.of(session), options, TenantScope.WHOLE_TARGET, before, migrations,
                    appliedNow, expected, TargetPlan.versionInEffect(session.history().read()));
            return Verifier.run(context);
        }
    }

    /** The checks of one tenant of a shared schema: its rows alone, those whose {@code tenant_id} is its id. */
    default List<CheckResult> verify(VerifyOptions options, RowCounts before, TenantScope scope) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(), target().historyTable(),
                    SnapshotReader.of(session), options, scope, before, null, List.of(), null,
                    TargetPlan.versionInEffect(session.history().read())));
        }
    }

    default RowCounts counts(TenantScope scope) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return RowCounts.count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session), scope);
        }
    }

    default CheckResult check(String id, VerifyOptions options) throws SQLException {
        return verify(options, null, null, List.of(), null).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    default RowCounts counts() throws SQLException {
        return TestDatabases.rowCounts(target());
    }
}
