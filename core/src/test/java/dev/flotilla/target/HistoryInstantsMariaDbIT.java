package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;

class HistoryInstantsMariaDbIT extends HistoryInstantsContract {
    @Override
    TargetSpec newTarget() {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }
}
