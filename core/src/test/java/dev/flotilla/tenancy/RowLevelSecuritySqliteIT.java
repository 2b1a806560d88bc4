package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite has no row-level security: the migration is refused, and both checks are skipped saying why. */
class RowLevelSecuritySqliteIT {
    @TempDir
    Path temp;

    @Test
    void generate_refuses_and_the_checks_are_skipped() throws Exception {
        TargetSpec target = TestDatabases.sqlite(temp);
        try (TargetSession session = TargetSession.open(target, true)) {
            Jdbc.execute(session.connection(), "CREATE TABLE notes (id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL)");
            Jdbc.execute(session.connection(), "INSERT INTO notes VALUES (1, 'a'), (2, 'b')");

            assertThatThrownBy(() -> RowLevelSecurity.generate(session, RlsRequest.defaults()))
                    .isInstanceOf(FlotillaException.class)
                    .hasMessageContaining("Row-level security is PostgreSQL's").hasMessageContaining("sqlite")
                    .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET));

            List<CheckResult> results = SharedPosSchema.verify(session, SharedPosSchema.rls(null));

            assertThat(results).extracting(CheckResult::id).containsExactly("rls-enabled", "rls-isolation");
            assertThat(results).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(CheckStatus.SKIPPED);
                assertThat(r.message()).isEqualTo("row-level security is PostgreSQL's; sqlite has none");
            });
        }
    }
}
