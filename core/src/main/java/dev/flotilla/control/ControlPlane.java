package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Flotilla's own database: tenants, deployments with their per-tenant tasks, and the audit log. Embedded
 * H2 by default, PostgreSQL for teams. Its schema is migrated by Flotilla's engine when it is opened.
 * Thread-safe: the stores share one connection and serialise on it; every write commits by itself.
 */
public final class ControlPlane implements AutoCloseable {
    /** The embedded default: a file under ./.flotilla, shared by concurrent processes through H2's auto-server. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.flotilla/control;AUTO_SERVER=TRUE";
    static final String HISTORY_TABLE = "flotilla_schema_history";
    private static final List<String> OWN_MIGRATIONS = List.of("V1__control_plane.sql");

    private final TargetSpec spec;
    private final Connection connection;
    private final TenantStore tenants;
    private final DeploymentStore deployments;
    private final AuditLog audit;

    private ControlPlane(TargetSpec spec, Connection connection) {
        this.spec = spec;
        this.connection = connection;
        this.tenants = new TenantStore(this);
        this.deployments = new DeploymentStore(this);
        this.audit = new AuditLog(this);
    }

    /** Opens the control plane at {@code url} (null for the default), creating or upgrading its schema. */
    public static ControlPlane open(String url, String user, dev.flotilla.target.Secret password) {
        TargetSpec spec = new TargetSpec(url == null ? DEFAULT_URL : url, user == null && url == null ? "sa" : user,
                password, null, HISTORY_TABLE);
        createFolderOfEmbeddedFile(spec.url());
        migrate(spec);
        try {
            Properties properties = new Properties();
            if (spec.user() != null) {
                properties.setProperty("user", spec.user());
            }
            if (spec.password() != null) {
                properties.setProperty("password", spec.password().reveal());
            }
            return new ControlPlane(spec, DriverManager.getConnection(spec.url(), properties));
        } catch (SQLException e) {
            throw Failures.connecting(spec, e);
        }
    }

    private static void migrate(TargetSpec spec) {
        TargetOptions options = new TargetOptions(spec, null, Map.of(), null, null, null, null, ValidationPolicy.STRICT,
                "flotilla");
        RunReport report = new TargetRunner(options, ownMigrations()).migrate();
        if (!report.ok()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "Cannot prepare the control plane at " + spec.displayName()
                    + ": " + report.problems().get(0).message());
        }
    }

    private static LoadedMigrations ownMigrations() {
        List<MigrationLoader.SourceFile> sources = new ArrayList<>();
        for (String name : OWN_MIGRATIONS) {
            try (InputStream in = ControlPlane.class.getResourceAsStream("migrations/" + name)) {
                sources.add(new MigrationLoader.SourceFile(name, in.readAllBytes()));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("Flotilla's jar lacks its control-plane migration " + name, e);
            }
        }
        return new MigrationLoader(java.util.Set.of()).load("the control plane's migrations", sources);
    }

    private static void createFolderOfEmbeddedFile(String url) {
        if (url.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
            Path parent = Path.of(path).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, "Cannot create the control-plane folder " + parent + ": " + e);
            }
        }
    }

    public TenantStore tenants() {
        return tenants;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Runs work on the shared connection, one caller at a time, turning SQL errors into clear ones. */
    <T> T with(String doing, Work<T> work) {
        synchronized (connection) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw Failures.of(spec, doing + " in the control plane", e);
            }
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing at the end of a command; nothing is pending on this connection.
        }
    }
}
