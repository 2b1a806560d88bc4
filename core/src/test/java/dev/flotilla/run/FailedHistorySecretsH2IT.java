package dev.flotilla.run;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;

/** H2 commits each statement of a migration, and quotes a failing statement whole in its message. */
class FailedHistorySecretsH2IT extends FailedHistorySecretsContract {
    @Override
    TargetSpec newTarget() {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }

    @Override
    String failingOutsideTransaction() {
        return "CREATE TABLE kept (x VARCHAR(50));\nINSERT INTO nowhere VALUES ('${db_password}');\n";
    }
}
