package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.cli.config.ConfigLoader;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a fleet command works with: the configuration (defaults < flotilla.yml < FLOTILLA_* < flags), the
 * control plane, the tenancy with its password, the migrations. Each is read on first use; every secret met
 * on the way is registered with the output so it is masked. Close it to close the control plane.
 */
final class FleetContext implements AutoCloseable {
    private final Path configFile;
    private final Output output;
    private final Map<String, String> environment;
    private final java.util.Set<String> setByFlags;
    /** The command's --concurrency and --per-server, or null when it takes none. */
    private final ConcurrencyOptions limits;
    private FlotillaConfig config;
    /** The command as the user types it ({@code deploy}), which a refusal names. */
    private final String command;
    /** The command's --connect-timeout, or null when not given. */
    private final java.time.Duration connectTimeout;
    private final CommandPlane plane = new CommandPlane(this::opening);
    /** Built once, so that the command reads each password (the tenancy's, a tenant's file) once. */
    private Tenancy tenancy;
    private Tenancy tenancyForDisplay;

    /** @param configFile the --config value, or null for ./flotilla.yml if it exists */
    FleetContext(Path configFile, Output output, Map<String, String> environment) {
        this(configFile, output, environment, CommandFlags.NONE);
    }

    /** @param flags what the command's flags give: settings, limits, connect timeout, and the command's name */
    FleetContext(Path configFile, Output output, Map<String, String> environment, CommandFlags flags) {
        this.command = flags.command();
        this.configFile = configFile;
        this.output = output;
        this.environment = environment;
        this.setByFlags = flags.settingsGiven();
        this.limits = flags.limits();
        this.connectTimeout = flags.connectTimeoutGiven();
    }

    FlotillaConfig config() {
        if (config == null) {
            boolean explicit = configFile != null;
            config = ConfigLoader.load(explicit ? configFile : Path.of("flotilla.yml"), explicit, environment, setByFlags);
            config.warnings().forEach(output::warn);
            // A ${db_password} a statement quotes once replaced, in an error or a task's log, is masked as a password is.
            config.secretPlaceholderValues().forEach(output::addSecret);
            // A secret read for a migration, as a password's variable is read for a connection: not a hook's.
            config.secretPlaceholderVariables().forEach(dev.flotilla.target.ChildEnvironment::withhold);
            // Named as a password's source, a variable is kept from hooks and client programs even when not read.
            dev.flotilla.target.ChildEnvironment.withhold(config.tenancy().passwordEnv());
            dev.flotilla.target.ChildEnvironment.withhold(config.controlPlane().passwordEnv());
            dev.flotilla.target.ConnectTimeout.set(connectTimeout != null ? connectTimeout : config.deploy().connectTimeout());
        }
        return config;
    }

    /** The folder the configuration lives in: relative paths and the embedded control plane are kept there. */
    Path home() {
        Path source = config().source();
        return source == null ? Path.of("").toAbsolutePath() : source.toAbsolutePath().getParent();
    }

    /** The control plane to write to; a command that writes opens it so before it reads. */
    ControlPlane plane() {
        return plane.toWrite();
    }

    /**
     * The control plane for a command that only reads it: the embedded file opened read-only where it can be
     * (see {@link ControlPlane#openForReading}), else as {@link #plane()} opens it.
     */
    ControlPlane planeToRead() {
        return plane.toRead();
    }

    /** Whether there is a control plane to read: one is configured, or the embedded one exists in {@link #home()}. */
    boolean hasPlane() {
        return plane.exists();
    }

    /**
     * The control plane to write to, for a command that read it through {@link #planeToRead()} and found it must
     * write after all ({@code deployments show} of an interrupted deployment): the read-only one closed and the plane
     * opened as {@link #plane()} opens it. Records read before stay valid.
     */
    ControlPlane planeToWrite() {
        return plane.reopenedToWrite();
    }

    private ControlPlaneOpening opening() {
        return new ControlPlaneOpening(config(), home(), output, environment);
    }

    /** The tenancy with its password, for connecting to tenants. */
    Tenancy tenancy() {
        if (tenancy == null) {
            tenancy = tenancy(true);
        }
        return tenancy;
    }

    /** The tenancy without reading its password: enough to name targets in listings. */
    Tenancy tenancyForDisplay() {
        if (tenancyForDisplay == null) {
            tenancyForDisplay = tenancy(false);
        }
        return tenancyForDisplay;
    }

    private Tenancy tenancy(boolean withPassword) {
        var settings = config().tenancy();
        Secret password = !withPassword ? null : Passwords.read(settings.passwordEnv(), path(settings.passwordFile()),
                environment, "tenancy.passwordEnv", "tenancy.passwordFile");
        if (password != null) {
            output.addSecret(password);
        }
        output.addSecretsOf(settings.url());
        output.addSecretsOf(settings.urlTemplate());
        try {
            // A relative SQLite or H2 file is in the folder of flotilla.yml, as every path written there.
            return new Tenancy(TenancyModel.parse(settings.model()), JdbcUrls.withFileIn(settings.url(), home()),
                    JdbcUrls.withFileIn(settings.urlTemplate(), home()),
                    settings.schemaTemplate(), settings.user(), password, config().historyTable(), home(), environment);
        } catch (FlotillaException e) {
            throw withoutConfigFile(e);
        }
    }

    /**
     * A configuration or migrations error, naming the file it comes from, or saying that no flotilla.yml was found
     * (then likely the cause).
     */
    private FlotillaException withoutConfigFile(FlotillaException e) {
        boolean likely = e.code() == ErrorCode.BAD_CONFIG || e.code() == ErrorCode.MIGRATIONS_NOT_FOUND;
        if (!likely) {
            return e;
        }
        if (config().source() != null) {
            return e.code() != ErrorCode.BAD_CONFIG || e.getMessage().contains(config().source().toString()) ? e
                    : new FlotillaException(e.code(), e.getMessage() + " (" + config().source() + ")", e);
        }
        return new FlotillaException(e.code(), e.getMessage() + " No flotilla.yml was found in " + home()
                + ": run from its folder, or pass --config FILE.", e);
    }

    /**
     * The targets of {@code tenants}, each with its login; the passwords read for tenants' own logins are masked in the
     * output, and every variable a registered tenant names is kept from hooks and client programs (a hook of one tenant
     * gets no other tenant's password).
     */
    List<TenantTarget> targets(List<Tenant> tenants) {
        Tenancy tenancy = tenancy();
        // Open as the command opened it (perhaps to read only); the tenants named here withhold theirs anyway.
        plane.opened().ifPresent(p -> p.tenants().passwordVariables().forEach(dev.flotilla.target.ChildEnvironment::withhold));
        List<TenantTarget> targets = tenants.stream().map(t -> TenantTarget.of(t, tenancy)).toList();
        for (TenantTarget target : targets) {
            Secret own = target.tenant().credentials().isEmpty() ? null : target.target().password();
            if (own != null && own.available()) {
                output.addSecret(own);
            }
        }
        return targets;
    }

    Path migrationsFolder() {
        return config().migrations();
    }

    /** Every migrations folder of the configuration, test-only ones among them. */
    dev.flotilla.migration.MigrationFolders migrationFolders() {
        return config().folders();
    }

    LoadedMigrations loadMigrations() {
        FlotillaConfig settings = config();
        LoadedMigrations loaded;
        try {
            loaded = new MigrationLoader(settings.placeholderNames()).load(migrationFolders());
        } catch (FlotillaException e) {
            throw withoutConfigFile(e);
        }
        // On stderr: a deploy's first line of output must name the deployment.
        loaded.warnings().forEach(w -> output.warn(w.file() + ": " + w.message()));
        if (loaded.migrations().isEmpty()) {
            // Every tenant would be "up to date" with nothing: most often migrations: names the wrong folder.
            output.warn(migrationFolders() + " holds no migration file (V1__name.sql, R__name.sql, or name.sql with"
                    + " name.down.sql): there is nothing to apply. Check migrations: in "
                    + (settings.source() != null ? settings.source() : "flotilla.yml") + ".");
        }
        return loaded;
    }

    /**
     * The options every tenant's run starts from; the target is filled in per tenant. Refused ({@code BAD_CONFIG}) while
     * a placeholder's variable is not set: what takes them puts the placeholders' values into migrations.
     */
    TargetOptions template(ValidationPolicy policy) {
        config().requirePlaceholderValues(command);
        return templateForReading(policy);
    }

    /**
     * As {@link #template}, without the values of the placeholders whose variable is not set: for what only reads the
     * tenants' histories against the files ({@code status}, lint's scope, an interrupted deployment's tasks), where the
     * files' checksums are of their text as written.
     */
    TargetOptions templateForReading(ValidationPolicy policy) {
        var deploy = config().deploy();
        return new TargetOptions(null, migrationsFolder(), config().placeholders(), null, deploy.lockWait(),
                deploy.lockTimeout(), deploy.statementTimeout(), policy, actor(), migrationFolders(), config().secretPlaceholders());
    }

    /** Tenants worked on at once: --concurrency, else deploy.concurrency (flotilla.yml < FLOTILLA_*). */
    int concurrency() {
        return limits != null && limits.concurrency != null ? limits.concurrency : config().deploy().concurrency();
    }

    /** Tenants worked on at once on one database server: --per-server, else deploy.perServer. */
    int perServer() {
        return limits != null && limits.perServer != null ? limits.perServer : config().deploy().perServer();
    }

    FleetPlanner planner(LoadedMigrations migrations) {
        return planner(migrations, ValidationPolicy.STRICT);
    }

    FleetPlanner planner(LoadedMigrations migrations, ValidationPolicy policy) {
        return new FleetPlanner(templateForReading(policy), migrations, concurrency(), perServer());
    }

    /** The configured checks; see {@link ConfiguredChecks#verifyOptions()}. */
    VerifyOptions verifyOptions() {
        return new ConfiguredChecks(config()).verifyOptions();
    }

    /** The tenant column when the tenancy is shared-schema, null otherwise. */
    String sharedTenantColumn() {
        return new ConfiguredChecks(config()).sharedTenantColumn();
    }

    /** The configured dry-run options; mode and sample rows as given. */
    dev.flotilla.run.DryRunOptions dryRunOptions(String mode, int sampleRows, boolean roundTrip) {
        return new ConfiguredChecks(config()).dryRunOptions(mode, sampleRows, roundTrip);
    }

    String actor() {
        return environment.getOrDefault("USER", System.getProperty("user.name", "flotilla"));
    }

    /** The control plane when it was opened to write to, else empty: nothing is opened by asking. */
    java.util.Optional<ControlPlane> planeOpenToWrite() {
        return plane.openToWrite();
    }

    private Path path(String file) {
        return file == null ? null : home().resolve(file);
    }

    @Override
    public void close() {
        plane.close();
    }
}
