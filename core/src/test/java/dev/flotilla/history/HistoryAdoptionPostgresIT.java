package dev.flotilla.history;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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
}
