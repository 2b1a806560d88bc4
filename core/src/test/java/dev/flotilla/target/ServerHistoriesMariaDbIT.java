package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;

/** One union per round trip. */
class ServerHistoriesMariaDbIT extends ServerHistoriesContract {
    @Override
    TargetSpec newTarget(String name) {
        return TestDatabases.mariadb(name);
    }
}
