package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;

/** Several queries in one text, one result each. */
class ServerHistoriesPostgresIT extends ServerHistoriesContract {
    @Override
    TargetSpec newTarget(String name) {
        return TestDatabases.postgres(name);
    }
}
