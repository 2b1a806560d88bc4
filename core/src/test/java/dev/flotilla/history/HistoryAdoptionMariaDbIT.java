package dev.flotilla.history;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

class HistoryAdoptionMariaDbIT extends HistoryAdoptionContract {
    @Override
    TargetSpec createTarget() {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    @Override
    FluentConfiguration flyway(TargetSpec target) {
        return Flyway.configure().dataSource(TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, "")
                .schemas(target.schema());
    }

    @Override
    boolean flywayRecordsFailures() {
        return true;
    }
}
