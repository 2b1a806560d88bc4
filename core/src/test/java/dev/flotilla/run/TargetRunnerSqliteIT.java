package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class TargetRunnerSqliteIT extends TargetRunnerContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    /** SQLite's lock is the database file's write lock: a writer's open transaction holds it. */
    @Override
    AutoCloseable holdLock() throws Exception {
        Connection writer = TestDatabases.connect(target);
        Jdbc.execute(writer, "BEGIN IMMEDIATE");
        return () -> {
            Jdbc.execute(writer, "ROLLBACK");
            writer.close();
        };
    }

    @Test
    void dry_run_leaves_the_database_file_unchanged() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B);

        RunReport report = flotilla().dryRun().run();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.migrations()).extracting(MigrationRun::version).containsExactly("1", "2");
        assertThat(tables()).isEmpty();
    }

    @Test
    void trigger_bodies_run_whole() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__trigger.sql", """
                CREATE TABLE audit (msg TEXT);
                CREATE TRIGGER alpha_audit AFTER INSERT ON alpha BEGIN
                  INSERT INTO audit VALUES ('inserted; ' || NEW.name);
                END;
                INSERT INTO alpha VALUES (1, 'x');
                """);

        assertThat(flotilla().migrate().ok()).isTrue();
        try (Connection c = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(c, "SELECT msg FROM audit")).isEqualTo("inserted; x");
        }
    }
}
