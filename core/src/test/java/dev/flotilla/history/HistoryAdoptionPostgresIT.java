package dev.flotilla.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.run.HistoryAdoption;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HistoryAdoptionPostgresIT extends HistoryAdoptionContract {
    @Override
    TargetSpec createTarget() {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    FluentConfiguration flyway(TargetSpec target) {
        return Flyway.configure().dataSource(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, "")
                .schemas(target.schema());
    }

    @Override
    boolean flywayRecordsFailures() {
        return false;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void adopting_a_table_another_session_holds_gives_up_after_the_lock_timeout_saying_which_timeout_to_raise()
            throws Exception {
        sql("CREATE TABLE schema_migrations (version VARCHAR(20) NOT NULL, filename VARCHAR(200))",
                "INSERT INTO schema_migrations VALUES ('001', 'V1__init.sql')");
        TargetOptions options = TargetOptions.of(target, files.path()).withLockTimeout(Duration.ofSeconds(1));
        try (Connection holder = TestDatabases.connect(target)) {
            // Ended by the server once idle this long: an adoption that waited without bound would then go ahead.
            Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '10s'");
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + target.schema() + "\".schema_migrations IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> new HistoryAdoption(options, flotilla().migrations())
                    .adopt(HistorySource.parse("table:schema_migrations"), false, false))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContainingAll(target.displayName() + ": a table it needed is locked (SQLSTATE 55P03)",
                            "Another session holds a lock on it", "deploy.lockTimeout")
                    .hasMessageNotContaining("--lock-wait");
        }
    }
}
