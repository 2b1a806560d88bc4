package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;

class HistoryInstantsPostgresIT extends HistoryInstantsContract {
    @Override
    TargetSpec newTarget() {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }
}
