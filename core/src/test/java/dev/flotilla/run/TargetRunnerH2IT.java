package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** H2 commits DDL by itself, so it runs per statement like MariaDB. */
class TargetRunnerH2IT extends TargetRunnerContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }

    @Test
    void a_schema_is_created_and_used_when_named() throws Exception {
        target = new TargetSpec(target.url(), "sa", null, "tenant_a", null);
        files.write("V1__alpha.sql", CREATE_A);

        assertThat(flotilla().migrate().applied()).hasSize(1);
        assertThat(tables()).containsExactly("alpha");
    }
}
