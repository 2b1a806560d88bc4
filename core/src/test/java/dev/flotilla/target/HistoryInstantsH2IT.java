package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;

class HistoryInstantsH2IT extends HistoryInstantsContract {
    @Override
    TargetSpec newTarget() {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }
}
