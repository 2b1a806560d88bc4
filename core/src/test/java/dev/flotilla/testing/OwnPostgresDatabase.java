package dev.flotilla.testing;

import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database of a test class's own on the test server ({@link TestDatabases#postgresInOwnDatabase}), made
 * before its first test and dropped, with the sessions still in it, after its last:
 * {@code @RegisterExtension static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();}
 *
 * <p>For the classes whose migrations build an index CONCURRENTLY (a tenant column's adoption does): such a build waits
 * for every transaction of its database holding an older snapshot, so in the shared database one transaction another
 * test class, or another run of the tests on the server, keeps open fails them all with LOCK_TIMEOUT. Here it waits for
 * its own class's only. One database per class, not per test: a CREATE DATABASE costs more than a schema.
 *
 * <p>Not thread-safe: one test class at a time (each test JVM runs its classes one after another).
 */
public final class OwnPostgresDatabase implements BeforeAllCallback, AfterAllCallback {
    private TargetSpec database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (database != null) {
            throw new IllegalStateException("The PostgreSQL database " + database.url() + " still serves another test class:"
                    + " give " + context.getDisplayName() + " an OwnPostgresDatabase of its own.");
        }
        database = TestDatabases.postgresInOwnDatabase(null);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (database != null) {
            try {
                TestDatabases.dropDatabase(database);
            } finally {
                database = null;
            }
        }
    }

    /** The schema {@code schema} of this database, as the test server's user. */
    public TargetSpec schema(String schema) {
        return new TargetSpec(url(), server().user(), null, schema, null);
    }

    /** This database with no schema, as the test server's user: for what a test sets up beside Flotilla. */
    public TargetSpec server() {
        if (database == null) {
            throw new IllegalStateException("No PostgreSQL database of the class's own yet: register the OwnPostgresDatabase"
                    + " as a static @RegisterExtension field, so that it is made before the class's first test.");
        }
        return database;
    }

    /** The JDBC URL of this database: the test server's ({@link TestDatabases#POSTGRES_URL}) naming it. */
    public String url() {
        return server().url();
    }
}
