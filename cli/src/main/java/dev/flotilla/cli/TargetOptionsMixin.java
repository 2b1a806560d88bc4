package dev.flotilla.cli;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say which target and which migrations; a password is only ever read from a variable or file. */
final class TargetOptionsMixin {
    @Option(names = "--url", paramLabel = "JDBC_URL", description = "The target, e.g. jdbc:postgresql://127.0.0.1:5432/app")
    String url;

    @Option(names = "--user", description = "Database user.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Name of the environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Option(names = "--schema", description = "Schema (a database on MariaDB/MySQL) to migrate; created if missing.")
    String schema;

    @Option(names = "--migrations", paramLabel = "DIR", split = ",", description = "Folder of migration files; repeat it (or"
            + " separate folders with commas) for several folders read as one set (default: FLOTILLA_MIGRATIONS, else "
            + MigrationFolderFlags.DEFAULT + ").")
    List<Path> migrations = new ArrayList<>();

    @Option(names = "--test-migrations", paramLabel = "DIR", split = ",", description = "Folder of test-only migrations, read"
            + " with the others; their versions never hold a later migration back as out of order. Only where tests run"
            + " (default: FLOTILLA_TEST_MIGRATIONS).")
    List<Path> testMigrations = new ArrayList<>();

    @Option(names = "--history-table", defaultValue = TargetSpec.DEFAULT_HISTORY_TABLE,
            description = "History table name (default: ${DEFAULT-VALUE}).")
    String historyTable;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "Value for $${NAME} in migrations; repeatable.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    @Option(names = "--tenant", description = "Value of $${tenant} (default: the schema name).")
    String tenant;

    @Option(names = "--lock-wait", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to wait for another run's lock on the target (default: ${DEFAULT-VALUE}).")
    Duration lockWait;

    @Option(names = "--lock-timeout", converter = DurationConverter.class, defaultValue = "5s",
            description = "Per-statement lock timeout (PostgreSQL lock_timeout, MariaDB lock_wait_timeout; default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--statement-timeout", converter = DurationConverter.class, defaultValue = "10m",
            description = "Per-statement time limit (default: ${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--allow-checksum-mismatch", description = "Run even when an applied file was edited.")
    boolean allowChecksumMismatch;

    @Option(names = "--allow-missing-files", description = "Run even when an applied migration's file is gone.")
    boolean allowMissingFiles;

    @Option(names = "--out-of-order", description = "Apply pending migrations older than the latest applied one.")
    boolean outOfOrder;

    boolean hasTarget() {
        return url != null;
    }

    /** The options for the engine, registering the password with {@code output} so it is always masked. */
    TargetOptions toOptions(Map<String, String> environment, Output output) {
        TargetSpec spec = null;
        if (url != null) {
            output.addSecretsOf(url);
            if (dev.flotilla.sql.JdbcUrls.hasCredentialsBeforeHost(url)) {
                // The drivers read user:password@ as the host and port ("Incorrect port value"): said plainly instead.
                throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "Credentials in the URL ("
                        + dev.flotilla.sql.JdbcUrls.redact(url) + ") are not supported: remove user:password@ and give"
                        + " --user, and --password-env VAR or --password-file FILE.");
            }
            Secret password = password(environment);
            if (password != null) {
                output.addSecret(password);
            }
            spec = new TargetSpec(url, user, password, schema, historyTable);
        }
        MigrationFolders folders = folders(environment);
        TargetOptions options = new TargetOptions(spec, folders.first(), placeholders, tenant, lockWait, lockTimeout,
                statementTimeout, new ValidationPolicy(allowChecksumMismatch, allowMissingFiles, outOfOrder), null, folders);
        // A --placeholder db_password=... quoted by a failing statement is masked as a password is.
        options.secretPlaceholderValues().forEach(output::addSecret);
        return options;
    }

    /** The folders of --migrations and --test-migrations, else of FLOTILLA_MIGRATIONS and FLOTILLA_TEST_MIGRATIONS. */
    MigrationFolders folders(Map<String, String> environment) {
        return MigrationFolderFlags.folders(migrations, testMigrations, environment);
    }

    private Secret password(Map<String, String> environment) {
        return Passwords.read(passwordEnv, passwordFile, environment, "--password-env", "--password-file");
    }
}
