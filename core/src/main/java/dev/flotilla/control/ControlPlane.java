package dev.flotilla.control;

import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Flotilla's own database: tenants, deployments with their per-tenant tasks, and the audit log. Embedded
 * H2 by default, PostgreSQL for teams. Its schema is migrated by Flotilla's engine when it is opened.
 * Thread-safe: the stores share one connection and serialise on it; every write commits by itself.
 */
public final class ControlPlane implements AutoCloseable {
    /** The embedded default: a file under ./.flotilla, shared by concurrent processes (see {@link EmbeddedFile}). */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.flotilla/control" + EmbeddedFile.SHARED_SETTINGS;
    /** The user of an embedded file when none is configured: H2's own, as every command opens it. */
    public static final String EMBEDDED_USER = "sa";
    /** How long a server control plane may take to answer one request: its work is small, so a minute means it is gone. */
    public static final java.time.Duration DEFAULT_NETWORK_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final TargetSpec spec;
    private final PlaneConnection connection;
    private final TenantStore tenants;
    private final DeploymentStore deployments;
    private final StopRequests stopRequests;
    private final AuditLog audit;
    private final VerificationStore verifications;
    private final DryRunStore dryRuns;
    private final BackupStore backups;
    private final UserStore users;
    private final DriftStore drift;
    private final AcceptanceStore acceptances;
    private final BaselineStore baselines;
    private final java.time.Duration heartbeat;
    /** What {@link #maskAlso} gave, in order, each once: read whole by {@link #scrub} on every write. */
    private volatile java.util.List<java.util.function.UnaryOperator<String>> alsoMasked = java.util.List.of();

    /** Opened by {@link PlaneOpening}. */
    ControlPlane(TargetSpec spec, Connection connection, java.time.Duration heartbeat,
                         java.time.Duration networkTimeout) {
        this.spec = spec;
        this.connection = new PlaneConnection(spec, connection, networkTimeout);
        this.heartbeat = heartbeat;
        this.tenants = new TenantStore(this);
        this.deployments = new DeploymentStore(this);
        this.stopRequests = new StopRequests(this);
        this.audit = new AuditLog(this);
        this.verifications = new VerificationStore(this);
        this.dryRuns = new DryRunStore(this);
        this.backups = new BackupStore(this);
        this.users = new UserStore(this);
        this.drift = new DriftStore(this);
        this.acceptances = new AcceptanceStore(this);
        this.baselines = new BaselineStore(this);
    }

    /** The embedded control plane kept in {@code folder}/.flotilla, shared by concurrent processes. */
    public static String embeddedUrl(Path folder) {
        return EmbeddedFile.url(folder.resolve(PrivateFolder.DEFAULT_NAME).resolve("control"));
    }

    /**
     * The control plane's URL for a configuration kept in {@code folder}: the embedded default there when
     * {@code url} is null; a relative H2 file resolved against {@code folder}, as every other path of the
     * configuration is (not against the working directory); any other URL as given.
     */
    public static String urlIn(Path folder, String url) {
        return url == null ? embeddedUrl(folder) : EmbeddedFile.resolve(url, folder);
    }

    /** The user to connect as: the one given, else H2's own for an H2 URL (the default one too), as every command opens it. */
    public static String userFor(String url, String user) {
        return user == null && (url == null || url.startsWith("jdbc:h2:")) ? EMBEDDED_USER : user;
    }

    /** Opens the control plane at {@code url} (null for the default), creating or upgrading its schema. */
    public static ControlPlane open(String url, String user, dev.flotilla.target.Secret password) {
        return open(url, user, password, Heartbeat.DEFAULT_PERIOD);
    }

    /**
     * As {@link #open(String, String, dev.flotilla.target.Secret)}; the deployments this process runs are marked alive
     * every {@code heartbeat} (see {@link Heartbeat}).
     */
    public static ControlPlane open(String url, String user, dev.flotilla.target.Secret password, java.time.Duration heartbeat) {
        return open(url, user, password, heartbeat, DEFAULT_NETWORK_TIMEOUT);
    }

    /**
     * As {@link #open(String, String, dev.flotilla.target.Secret, java.time.Duration)}; a server control plane that does
     * not answer a request within {@code networkTimeout} fails the work (see {@link PlaneConnection}).
     */
    public static ControlPlane open(String url, String user, dev.flotilla.target.Secret password, java.time.Duration heartbeat,
                                    java.time.Duration networkTimeout) {
        return PlaneOpening.open(url, user, password, heartbeat, networkTimeout);
    }

    /**
     * Opens the control plane for a command that only reads it. The embedded file, when no other process has it
     * open and its schema is up to date, is opened read-only: no lock file, no auto-server, nothing written on
     * closing (a third of what opening it costs). Anything else (a server, a file another process serves, a
     * file to upgrade) is opened as {@link #open} does. Writing through the plane returned may fail.
     */
    public static ControlPlane openForReading(String url, String user, dev.flotilla.target.Secret password) {
        return openForReading(url, user, password, DEFAULT_NETWORK_TIMEOUT);
    }

    /** As {@link #openForReading(String, String, dev.flotilla.target.Secret)}, a server bounded by {@code networkTimeout}. */
    public static ControlPlane openForReading(String url, String user, dev.flotilla.target.Secret password,
                                              java.time.Duration networkTimeout) {
        return PlaneOpening.openForReading(url, user, password, networkTimeout);
    }

    /**
     * Why the control plane cannot live at {@code url} (starting "controlPlane.url '...' is not"), or empty for H2 and
     * PostgreSQL (and null, the default): a configuration is checked with it too, its other problems reported with it.
     */
    public static java.util.Optional<String> unsupported(String url) {
        if (url == null || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("controlPlane.url '" + dev.flotilla.sql.JdbcUrls.redact(url)
                + "' is not a database the control plane can live in: only H2 (jdbc:h2:file:..., the default: leave"
                + " controlPlane.url out) and PostgreSQL (jdbc:postgresql://host:5432/db, a database created by hand;"
                + " ?currentSchema=name for a schema of its own) are supported.");
    }

    /**
     * {@code text} with the control plane's own password (and its URL's secrets) masked, with the passwords written as
     * keywords ({@code password=x}, {@code --password=x}: see {@link dev.flotilla.sql.JdbcUrls#redact}), and with what the
     * process masks ({@link #maskAlso}): for what is kept here that a driver or a program Flotilla ran may have printed
     * (a hook's words, pg_dump's), since the console and the API show it to every role. The audit log, the tasks' logs
     * and errors, the tenants' last errors, dry runs' and drift acceptances' problems pass here as they are written.
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String masked = spec.scrub(text);
        for (java.util.function.UnaryOperator<String> mask : alsoMasked) {
            masked = mask.apply(masked);
        }
        return masked;
    }

    /**
     * Has {@link #scrub} mask what {@code scrub} masks too, after what earlier calls gave: the process's own secrets (the
     * tenancy's password, the ones tenants' own logins read), which the control plane does not know. The command line
     * hands its output's, a console the tenancy's; one embedding both keeps both. A mask equal to one given before (the
     * same object, or one whose {@code equals} says so: a console started again on the same fleet) is not added again,
     * so that every write is not masked once more for each start. Thread-safe.
     */
    public synchronized void maskAlso(java.util.function.UnaryOperator<String> scrub) {
        java.util.Objects.requireNonNull(scrub, "scrub");
        if (!alsoMasked.contains(scrub)) {
            java.util.List<java.util.function.UnaryOperator<String>> masks = new java.util.ArrayList<>(alsoMasked);
            masks.add(scrub);
            alsoMasked = java.util.List.copyOf(masks);
        }
    }

    /** How many masks {@link #maskAlso} added (each once): what every write to the plane is passed through besides its own. */
    public int maskLayers() {
        return alsoMasked.size();
    }

    /** Where the control plane is (its URL, secrets masked), as its errors name it. */
    public String displayName() {
        return spec.displayName();
    }

    public TenantStore tenants() {
        return tenants;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    /** Stops asked for of running deployments, and the heartbeats that read them. */
    public StopRequests stopRequests() {
        return stopRequests;
    }

    public AuditLog audit() {
        return audit;
    }

    public VerificationStore verifications() {
        return verifications;
    }

    public DryRunStore dryRuns() {
        return dryRuns;
    }

    public BackupStore backups() {
        return backups;
    }

    /** Drift checks and the fingerprints of expected schemas. */
    public DriftStore drift() {
        return drift;
    }

    /** The live schemas accepted with {@code drift --accept}, the newest per tenant. */
    public AcceptanceStore acceptances() {
        return acceptances;
    }

    /** The structure scripts new tenants are baselined from. */
    public BaselineStore baselines() {
        return baselines;
    }

    /** How often this process marks the deployments it runs alive. */
    java.time.Duration heartbeat() {
        return heartbeat;
    }

    /** The web console's users and API tokens. */
    public UserStore users() {
        return users;
    }

    /** Runs work that only reads on the shared connection, one caller at a time, turning SQL errors into clear ones. */
    <T> T with(String doing, Work<T> work) {
        return connection.with(doing, work);
    }

    /** As {@link #with}, for work that writes (see {@link PlaneConnection#write}). */
    <T> T write(String doing, Work<T> work) {
        return connection.write(doing, work);
    }

    /**
     * Runs several writes as one transaction: one commit (and one write to disk) instead of one per statement,
     * and all or none of them. The writes may run twice (see {@link PlaneConnection#together}): they must do nothing
     * but write through this plane.
     */
    public void together(String doing, Runnable writes) {
        connection.together(doing, writes);
    }

    /**
     * As {@link #together}, for writes that replace a row by its key (a delete, then an insert). Another process's insert
     * of the same key, committed between this one's delete and insert, fails the insert (PostgreSQL's read committed
     * delete did not see it: a unique violation, SQLSTATE 23505); run again, the delete sees it. Tried 3 times.
     */
    void replacing(String doing, Runnable writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                together(doing, writes);
                return;
            } catch (FlotillaException e) {
                if (attempt >= 3 || !insertedMeanwhile(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean insertedMeanwhile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A writer that commits queued writes on its own thread, together: a deployment's task records, a plan's tenant
     * states, a dry run's records. Close it when done.
     */
    public WriteBehind writeBehind() {
        return new WriteBehind(this, WriteBehind.WINDOW);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        connection.close();
    }
}
