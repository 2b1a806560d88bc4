package dev.flotilla.run;

import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet for each test of a subclass: {@link #fleetSize()} registered tenants of the subclass's tenancy, V1 and V2 to
 * deploy (or the migrations the subclass writes instead), in-memory control plane; the tenants' targets are dropped
 * after the test.
 */
abstract class FleetFixture {
    static final String V1 = "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
            + "INSERT INTO notes VALUES (1, '${tenant}');\n";
    static final String V2 = "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\nCREATE INDEX idx_notes_tag ON notes (tag);\n";

    @TempDir
    Path temp;
    Fleet fleet;
    final String prefix = TestDatabases.uniqueName();

    /** The tenancy of the fleet under test; tenant targets are named after {@code prefix}. */
    abstract Tenancy tenancy(String prefix);

    abstract int fleetSize();

    /** Creates whatever a target needs before the first deploy (databases, for database-per-tenant). */
    void prepare(List<TenantTarget> targets) throws SQLException {
    }

    /** Writes the migrations the fleet starts with into its folder: V1 and V2 unless a subclass writes its own. */
    void writeMigrations(MigrationFolder files) {
        files.write("V1__notes.sql", V1).write("V2__tags.sql", V2);
    }

    /** The fleet's migrations folder, to write more files into. */
    MigrationFolder migrations() {
        return new MigrationFolder(fleet.migrations);
    }

    @BeforeEach
    void createFleet() throws SQLException {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        writeMigrations(files);
        fleet = new Fleet(tenancy(prefix), files.path(), fleetSize());
        prepare(fleet.targets());
    }

    @AfterEach
    void dropFleet() throws SQLException {
        dropTargets();
        fleet.close();
    }

    void dropTargets() throws SQLException {
        fleet.drop();
    }

    /**
     * A fleet of {@code size} tenants, each in a schema named by {@code schemas} (with {@code {tenant}} in it) of the
     * database at {@code url}, V1 to deploy (in {@code temp}'s folder migrations), in-memory control plane: for a test
     * class with a set-up of its own, which closes it (and drops its schemas where they outlive it).
     */
    static Fleet ofSchemas(Path temp, String url, String schemas, String user, int size) {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", V1);
        return new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, schemas, user, null, null), files.path(), size);
    }

    /** {@link #ofSchemas} in an in-memory H2 database of its own, the schemas s_t000, s_t001... */
    static Fleet inH2(Path temp, int size) {
        return ofSchemas(temp, "jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "s_{tenant}", "sa", size);
    }

    /** The versions the tenant's history records as applied, in order; none when its schema does not exist. */
    static List<String> applied(TenantTarget target) throws SQLException {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            if (!session.schemaExists()) {
                return List.of();
            }
            return session.history().read().stream().filter(AppliedMigration::success).map(AppliedMigration::version).toList();
        }
    }

    /** The tasks' errors, to say why a deployment that should have succeeded did not. */
    static String errors(DeployResult result) {
        return result.tasks().stream().filter(t -> t.error() != null).map(t -> t.tenant() + ": " + t.error()).toList().toString();
    }
}
