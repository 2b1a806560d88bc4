package dev.flotilla.cli.config;

import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of {@code flotilla.yml} after layering defaults, the file and {@code FLOTILLA_*} variables
 * (flags are layered on top by each command). Immutable. Passwords are never part of it: only the names of
 * the variables or files that hold them.
 *
 * @param migrations the (first) migrations folder, resolved against the file's folder
 * @param secretPlaceholders placeholders whose values are masked in all output, besides those named like a secret
 *     ({@code db_password}: see {@link dev.flotilla.target.SecretPlaceholders}), and those read from a variable named
 *     like one ({@code license: { env: LICENSE_TOKEN }})
 * @param placeholders the placeholders' values; one read from a variable that is not set has none (see
 *     {@link #unsetPlaceholders})
 * @param placeholderVariables the environment variable each placeholder read from one reads, by placeholder
 * @param checks the verification checks ({@code checks:}), ready for the engine
 * @param warnings what the user should know about the file (parts not supported yet, ignored variables)
 * @param source the file read, or null when there was none
 * @param folders every migrations folder ({@code migrations:}, one or a list) and the test-only ones
 *     ({@code testMigrations:}), resolved against the file's folder; null for {@code migrations} alone
 */
public record FlotillaConfig(Path migrations, String historyTable, Map<String, String> placeholders,
                             java.util.Set<String> secretPlaceholders, Map<String, String> placeholderVariables,
                             ControlPlaneConfig controlPlane, TenancyConfig tenancy, DeployConfig deploy,
                             BackupConfig backup, DryRunConfig dryRun, LintConfig lint, VerifyOptions checks,
                             HooksConfig hooks, List<String> warnings, Path source, MigrationFolders folders) {
    public FlotillaConfig {
        folders = folders != null ? folders : MigrationFolders.of(Objects.requireNonNull(migrations, "migrations"));
        migrations = folders.first();
        Objects.requireNonNull(historyTable, "historyTable");
        placeholders = Map.copyOf(placeholders);
        secretPlaceholders = java.util.Set.copyOf(secretPlaceholders);
        placeholderVariables = Map.copyOf(placeholderVariables);
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(tenancy, "tenancy");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(dryRun, "dryRun");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(hooks, "hooks");
        warnings = List.copyOf(warnings);
    }

    /**
     * As a record says itself, the secret placeholders' values masked (see {@link #secretPlaceholderValues}) and the URLs of
     * its parts with their passwords masked: a log line of the configuration logs no secret.
     */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        placeholders.forEach((name, value) -> shown.put(name, secretPlaceholders.contains(name)
                || dev.flotilla.target.SecretPlaceholders.namedLikeSecret(name) ? "****" : value));
        return "FlotillaConfig[migrations=" + migrations + ", historyTable=" + historyTable + ", placeholders=" + shown
                + ", secretPlaceholders=" + secretPlaceholders + ", placeholderVariables=" + placeholderVariables
                + ", controlPlane=" + controlPlane + ", tenancy=" + tenancy + ", deploy=" + deploy + ", backup=" + backup
                + ", dryRun=" + dryRun + ", lint=" + lint + ", checks=" + checks + ", hooks=" + hooks + ", warnings=" + warnings
                + ", source=" + source + ", folders=" + folders + "]";
    }

    /** The variables the placeholders holding a secret are read from, to keep from hooks and client programs. */
    public List<String> secretPlaceholderVariables() {
        return placeholderVariables.entrySet().stream().filter(e -> secretPlaceholders.contains(e.getKey())
                || dev.flotilla.target.SecretPlaceholders.namedLikeSecret(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** Every placeholder flotilla.yml defines, with a value or read from a variable that is not set: what migrations may use. */
    public java.util.Set<String> placeholderNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(placeholders.keySet());
        names.addAll(placeholderVariables.keySet());
        return names;
    }

    /** The placeholders read from an environment variable that is not set, with that variable, by placeholder. */
    public Map<String, String> unsetPlaceholders() {
        Map<String, String> unset = new java.util.TreeMap<>(placeholderVariables);
        unset.keySet().removeAll(placeholders.keySet());
        return unset;
    }

    /**
     * Refuses ({@code BAD_CONFIG}) a command that puts the placeholders' values into the migrations it runs, plans or
     * checks ({@code command}, as the user types it: {@code deploy}) while a placeholder's variable is not set, naming
     * each such placeholder, its variable and what to do. The configuration loads without them: {@code status},
     * {@code tenants list} and {@code lint}, which need no value, work.
     */
    public void requirePlaceholderValues(String command) {
        Map<String, String> unset = unsetPlaceholders();
        if (unset.isEmpty()) {
            return;
        }
        List<String> missing = unset.entrySet().stream().map(e -> "placeholders." + e.getKey() + " reads the environment variable "
                + e.getValue() + ", which is not set").toList();
        throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_CONFIG, (source == null ? "environment" : source)
                + ": " + String.join("; ", missing) + ". `flotilla " + command + "` puts the placeholders' values into the"
                + " migrations it runs or checks: set " + (unset.size() == 1 ? "it" : "them") + " (export "
                + unset.values().iterator().next() + "=...), or give the value itself under placeholders:. `flotilla"
                + " status`, `tenants list` and `lint` work without " + (unset.size() == 1 ? "it" : "them") + ".");
    }

    /** The values of the placeholders holding a secret, to be masked in all output. */
    public List<dev.flotilla.target.Secret> secretPlaceholderValues() {
        return dev.flotilla.target.SecretPlaceholders.valuesIn(placeholders, secretPlaceholders);
    }

    /**
     * @param url null for the embedded H2 file beside the configuration
     * @param heartbeat how often a running deployment is marked alive; one not seen for three periods is interrupted
     * @param networkTimeout how long a server control plane may take to answer one request before the work fails
     */
    public record ControlPlaneConfig(String url, String user, String passwordEnv, String passwordFile, Duration heartbeat,
                                     Duration networkTimeout) {
        /** As a record says itself, the password written in its URL masked: a log line of it logs no secret. */
        @Override
        public String toString() {
            return "ControlPlaneConfig[url=" + JdbcUrls.redact(url) + ", user=" + user + ", passwordEnv=" + passwordEnv
                    + ", passwordFile=" + passwordFile + ", heartbeat=" + heartbeat + ", networkTimeout=" + networkTimeout + "]";
        }
    }

    /**
     * @param model database-per-tenant, schema-per-tenant or shared-schema
     * @param tenantColumn the column that says whose a row is, in shared-schema tenancy
     */
    public record TenancyConfig(String model, String url, String urlTemplate, String schemaTemplate, String user,
                                String passwordEnv, String passwordFile, String tenantColumn) {
        public TenancyConfig {
            Objects.requireNonNull(model, "model");
        }

        /** As a record says itself, the passwords written in its URL and URL template masked. */
        @Override
        public String toString() {
            return "TenancyConfig[model=" + model + ", url=" + JdbcUrls.redact(url) + ", urlTemplate="
                    + JdbcUrls.redact(urlTemplate) + ", schemaTemplate=" + schemaTemplate + ", user=" + user + ", passwordEnv="
                    + passwordEnv + ", passwordFile=" + passwordFile + ", tenantColumn=" + tenantColumn + "]";
        }
    }

    /**
     * @param requireTested a deploy goes ahead only where each tenant's newest dry run passed for exactly the migrations it
     *     would apply, recorded since the tenant last changed ({@code --require-tested} asks for it once)
     */
    public record DeployConfig(int concurrency, int perServer, Duration lockTimeout, Duration lockWait,
                               Duration statementTimeout, int retries, Duration retryBackoff, boolean backup,
                               Duration connectTimeout, boolean requireTested) {
        public DeployConfig {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            Objects.requireNonNull(lockWait, "lockWait");
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
        }
    }

    /**
     * @param dir where backups are written, resolved against the file's folder
     * @param keep how many deployments' backups keep their files
     */
    public record BackupConfig(Path dir, int keep) {
    }

    /** @param mode auto, transaction or clone */
    public record DryRunConfig(String mode, int sampleRows, Duration lockTimeout) {
    }

    /**
     * @param disabled lint rule ids switched off
     * @param since the version {@code flotilla lint} lints the files above of, as {@code --since} does (the files up to
     *     it ran long ago, say before the fleet was adopted); null: every file
     */
    public record LintConfig(List<String> disabled, int largeTableRows, String since) {
        public LintConfig {
            disabled = List.copyOf(disabled);
        }

        public LintConfig(List<String> disabled, int largeTableRows) {
            this(disabled, largeTableRows, null);
        }
    }

    /** Shell commands or http(s) URLs; null for none. */
    public record HooksConfig(String beforeTenant, String afterTenant, String beforeDeployment, String afterDeployment) {
        /** As a record says itself, a webhook's token or credentials in its URL masked. */
        @Override
        public String toString() {
            return "HooksConfig[beforeTenant=" + JdbcUrls.redact(beforeTenant) + ", afterTenant=" + JdbcUrls.redact(afterTenant)
                    + ", beforeDeployment=" + JdbcUrls.redact(beforeDeployment) + ", afterDeployment="
                    + JdbcUrls.redact(afterDeployment) + "]";
        }
    }

    /** Every default, as if there were no file and no variable. */
    public static FlotillaConfig defaults() {
        return ConfigLoader.build(new ConfigValues(), null, List.of(), VerifyOptions.DEFAULTS, java.util.Set.of(), Map.of());
    }
}
