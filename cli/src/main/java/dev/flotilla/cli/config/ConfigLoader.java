package dev.flotilla.cli.config;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.verify.VerifyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads flotilla.yml and layers it: defaults < the file < {@code FLOTILLA_*} environment variables. Every
 * problem (unknown key, wrong type, bad value, a password written into the file) is collected and reported
 * at once, each naming the file or variable and the key.
 */
public final class ConfigLoader {
    private static final String PREFIX = "FLOTILLA_";

    private ConfigLoader() {
    }

    /**
     * @param file the file to read: the --config value, or ./flotilla.yml
     * @param explicit whether the user named the file; only then is a missing file an error
     */
    public static FlotillaConfig load(Path file, boolean explicit, Map<String, String> environment) {
        return load(file, explicit, environment, java.util.Set.of());
    }

    /**
     * @param setByFlags the settings (dotted paths, {@code deploy.concurrency}) the command's flags give: what the
     *                   file and environment say of them is not read, so a bad value there does not stop the command
     */
    public static FlotillaConfig load(Path file, boolean explicit, Map<String, String> environment, java.util.Set<String> setByFlags) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ConfigValues values = new ConfigValues(setByFlags.stream().map(path -> ConfigKey.byPath(path)
                .orElseThrow(() -> new IllegalArgumentException("No setting " + path))).collect(java.util.stream.Collectors.toSet()));
        Path source = null;
        KeyLines lines = KeyLines.of("");
        if (Files.isRegularFile(file)) {
            source = file.toAbsolutePath().normalize();
            String text = read(source);
            lines = KeyLines.of(text);
            new YamlKeys(source.toString(), values, problems, warnings, lines).read(parse(source, text));
        } else if (explicit) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The configuration file " + file.toAbsolutePath()
                    + " does not exist. Create one with `flotilla init`, or fix --config.");
        }
        java.util.Set<ConfigKey> fromEnvironment = java.util.EnumSet.noneOf(ConfigKey.class);
        Map<ConfigKey, String> variables = new java.util.EnumMap<>(ConfigKey.class);
        new TreeMap<>(environment).forEach((name, value) -> override(name, value, values, problems, warnings)
                .ifPresent(key -> {
                    fromEnvironment.add(key);
                    variables.put(key, name);
                }));
        dropReplacedAlternatives(values, fromEnvironment);
        java.util.Set<String> secretByVariable = new java.util.LinkedHashSet<>();
        Map<String, String> placeholderVariables = PlaceholderSource.variables(values.placeholdersAsWritten());
        values.placeholders(PlaceholderSource.resolve(values.placeholdersAsWritten(), environment, secretByVariable));
        warnUnnamedPasswords(environment, values, warnings);
        String where = source == null ? "environment" : source.toString();
        // A value checked here is told where it was given: the variable, else the key's line in the file.
        KeyLines keyLines = lines;
        java.util.function.Function<ConfigKey, String> givenAt = key -> variables.containsKey(key) ? variables.get(key)
                : keyLines.where(where, key.path);
        ValueChecks.check(values, givenAt, problems);
        if (values.has(ConfigKey.TENANCY_MODEL)) {
            try {
                TenancyModel.parse(values.text(ConfigKey.TENANCY_MODEL));
            } catch (FlotillaException e) {
                problems.add(givenAt.apply(ConfigKey.TENANCY_MODEL) + ": tenancy.model: " + e.getMessage());
            }
        }
        warnUnusedByModel(values, where, warnings);
        // A setting a FLOTILLA_ variable gave is that variable's: the file may not say it at all.
        dev.flotilla.control.ControlPlane.unsupported(values.text(ConfigKey.CONTROL_PLANE_URL))
                .ifPresent(problem -> problems.add(givenAt.apply(ConfigKey.CONTROL_PLANE_URL) + ": " + problem));
        Path home = source == null ? Path.of("").toAbsolutePath() : source.getParent();
        VerifyOptions checks = ChecksSection.parse(values.raw(ConfigKey.CHECKS), home, source == null ? "configuration"
                : source.toString(), values.text(ConfigKey.TENANCY_TENANT_COLUMN), problems);
        if (!problems.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The configuration has " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
        return build(values, source, warnings, checks, secretByVariable, placeholderVariables);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ": cannot be read: " + e.getMessage());
        }
    }

    private static Object parse(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new WrittenNumbers(options)).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ": not valid YAML at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ": " + e.getProblem() + ".");
        } catch (YAMLException e) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ": cannot be read: " + e.getMessage());
        }
    }

    /** The setting a {@code FLOTILLA_*} variable set, if it names one. */
    private static java.util.Optional<ConfigKey> override(String name, String value, ConfigValues values, List<String> problems,
                                                          List<String> warnings) {
        if (!name.startsWith(PREFIX)) {
            return java.util.Optional.empty();
        }
        java.util.Optional<ConfigKey> key = ConfigKey.byVariable(name);
        key.ifPresentOrElse(k -> values.set(k, value, name, problems), () -> {
            if (name.toUpperCase().endsWith("PASSWORD")) {
                // Warned of once every variable is read, unless passwordEnv names it: see warnUnnamedPasswords.
                return;
            }
            if (!NOT_SETTINGS.contains(name) && !name.startsWith("FLOTILLA_TEST_")) {
                // A misspelled setting would otherwise be ignored without a word.
                String near = ConfigKey.variables().stream().filter(v -> dev.flotilla.Suggestions.distance(v, name) <= 3).findFirst()
                        .map(v -> " (did you mean " + v + "?)").orElse("");
                warnings.add(name + " names no setting and is ignored" + near + ".");
            }
        });
        return key;
    }

    /**
     * A {@code FLOTILLA_*PASSWORD} variable that is no setting is read only as the variable tenancy.passwordEnv or
     * controlPlane.passwordEnv names (init's starter file suggests FLOTILLA_CONTROL_PASSWORD); any other is ignored, and said so.
     */
    private static void warnUnnamedPasswords(Map<String, String> environment, ConfigValues values, List<String> warnings) {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (ConfigKey key : List.of(ConfigKey.TENANCY_PASSWORD_ENV, ConfigKey.CONTROL_PLANE_PASSWORD_ENV)) {
            if (values.has(key)) {
                named.add(values.text(key));
            }
        }
        new java.util.TreeSet<>(environment.keySet()).stream()
                .filter(name -> name.startsWith(PREFIX) && name.toUpperCase().endsWith("PASSWORD"))
                .filter(name -> ConfigKey.byVariable(name).isEmpty() && !named.contains(name))
                .forEach(name -> warnings.add(name + " is ignored: a password is never configured directly; set tenancy.passwordEnv"
                        + " (or controlPlane.passwordEnv) to the name of the variable that holds it."));
    }

    /** Each pair of settings of which one is given, the other not: the password's variable or its file. */
    private static final List<List<ConfigKey>> ALTERNATIVES = List.of(
            List.of(ConfigKey.TENANCY_PASSWORD_ENV, ConfigKey.TENANCY_PASSWORD_FILE),
            List.of(ConfigKey.CONTROL_PLANE_PASSWORD_ENV, ConfigKey.CONTROL_PLANE_PASSWORD_FILE));

    /**
     * A variable that sets one of two alternatives replaces the other one the file gave (FLOTILLA_TENANCY_PASSWORD_ENV
     * over the file's passwordFile), as it replaces the same key; given both, the environment is still told it is one or the other.
     */
    private static void dropReplacedAlternatives(ConfigValues values, java.util.Set<ConfigKey> fromEnvironment) {
        for (List<ConfigKey> pair : ALTERNATIVES) {
            if (fromEnvironment.contains(pair.get(0)) && !fromEnvironment.contains(pair.get(1))) {
                values.clear(pair.get(1));
            } else if (fromEnvironment.contains(pair.get(1)) && !fromEnvironment.contains(pair.get(0))) {
                values.clear(pair.get(0));
            }
        }
    }

    /** FLOTILLA_* variables that are not settings: the launcher's, a tool's path, what a hook is given. */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("FLOTILLA_JAVA_OPTS", "FLOTILLA_CDS",
            "FLOTILLA_CDS_OPTS", "FLOTILLA_JVM_OPTS", "FLOTILLA_TRAINING", "FLOTILLA_JAVA_MAJOR", "FLOTILLA_PG_DUMP",
            "FLOTILLA_EVENT", "FLOTILLA_DEPLOYMENT", "FLOTILLA_TENANT");

    /**
     * A tenancy key the model does not read (left from a starter file or another model) would be ignored without a word:
     * a schemaTemplate in database-per-tenant tenancy does not choose the schema migrated in each database.
     */
    private static void warnUnusedByModel(ConfigValues values, String where, List<String> warnings) {
        TenancyModel model;
        try {
            model = TenancyModel.parse(values.text(ConfigKey.TENANCY_MODEL));
        } catch (FlotillaException e) {
            return; // a problem of its own
        }
        if (model == TenancyModel.DATABASE_PER_TENANT) {
            if (values.has(ConfigKey.TENANCY_URL)) {
                warnings.add(where + ": tenancy.url is not used by database-per-tenant tenancy (each tenant's database is the"
                        + " one tenancy.urlTemplate names): remove it.");
            }
            if (values.has(ConfigKey.TENANCY_SCHEMA_TEMPLATE)) {
                warnings.add(where + ": tenancy.schemaTemplate is not used by database-per-tenant tenancy (each tenant's"
                        + " database is migrated in its default schema): remove it.");
            }
        } else if (values.has(ConfigKey.TENANCY_URL_TEMPLATE)) {
            warnings.add(where + ": tenancy.urlTemplate is not used by " + values.text(ConfigKey.TENANCY_MODEL) + " tenancy (its"
                    + " tenants are " + (model == TenancyModel.SCHEMA_PER_TENANT ? "schemas" : "rows") + " on the server"
                    + " tenancy.url names): remove it, or set tenancy.model: database-per-tenant.");
        }
    }

    private static java.util.Set<String> union(List<String> listed, java.util.Set<String> more) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(listed);
        all.addAll(more);
        return all;
    }

    /** A path from the file, against the file's folder (or the working directory without a file). */
    private static Path relative(Path source, String path) {
        Path home = source == null ? Path.of("").toAbsolutePath() : source.getParent();
        return home.resolve(path).normalize();
    }

    static FlotillaConfig build(ConfigValues v, Path source, List<String> warnings, VerifyOptions checks,
                                java.util.Set<String> secretByVariable, Map<String, String> placeholderVariables) {
        MigrationFolders folders = folders(v, source);
        return new FlotillaConfig(folders.first(), v.text(ConfigKey.HISTORY_TABLE), v.map(ConfigKey.PLACEHOLDERS),
                union(v.list(ConfigKey.SECRET_PLACEHOLDERS), secretByVariable), placeholderVariables,
                new FlotillaConfig.ControlPlaneConfig(v.text(ConfigKey.CONTROL_PLANE_URL), v.text(ConfigKey.CONTROL_PLANE_USER),
                        v.text(ConfigKey.CONTROL_PLANE_PASSWORD_ENV), v.text(ConfigKey.CONTROL_PLANE_PASSWORD_FILE),
                        v.duration(ConfigKey.CONTROL_PLANE_HEARTBEAT), v.duration(ConfigKey.CONTROL_PLANE_NETWORK_TIMEOUT)),
                new FlotillaConfig.TenancyConfig(v.text(ConfigKey.TENANCY_MODEL), v.text(ConfigKey.TENANCY_URL),
                        v.text(ConfigKey.TENANCY_URL_TEMPLATE), v.text(ConfigKey.TENANCY_SCHEMA_TEMPLATE),
                        v.text(ConfigKey.TENANCY_USER), v.text(ConfigKey.TENANCY_PASSWORD_ENV),
                        v.text(ConfigKey.TENANCY_PASSWORD_FILE), v.text(ConfigKey.TENANCY_TENANT_COLUMN)),
                new FlotillaConfig.DeployConfig(v.count(ConfigKey.DEPLOY_CONCURRENCY), v.count(ConfigKey.DEPLOY_PER_SERVER),
                        v.duration(ConfigKey.DEPLOY_LOCK_TIMEOUT), v.duration(ConfigKey.DEPLOY_LOCK_WAIT),
                        v.duration(ConfigKey.DEPLOY_STATEMENT_TIMEOUT), v.count(ConfigKey.DEPLOY_RETRIES),
                        v.duration(ConfigKey.DEPLOY_RETRY_BACKOFF), v.bool(ConfigKey.DEPLOY_BACKUP),
                        v.duration(ConfigKey.DEPLOY_CONNECT_TIMEOUT), v.bool(ConfigKey.DEPLOY_REQUIRE_TESTED)),
                new FlotillaConfig.BackupConfig(relative(source, v.text(ConfigKey.BACKUP_DIR)), v.count(ConfigKey.BACKUP_KEEP)),
                new FlotillaConfig.DryRunConfig(v.text(ConfigKey.DRY_RUN_MODE), v.count(ConfigKey.DRY_RUN_SAMPLE_ROWS),
                        v.duration(ConfigKey.DRY_RUN_LOCK_TIMEOUT)),
                new FlotillaConfig.LintConfig(v.list(ConfigKey.LINT_DISABLED), v.count(ConfigKey.LINT_LARGE_TABLE_ROWS),
                        v.text(ConfigKey.LINT_SINCE)), checks,
                new FlotillaConfig.HooksConfig(v.text(ConfigKey.HOOKS_BEFORE_TENANT), v.text(ConfigKey.HOOKS_AFTER_TENANT),
                        v.text(ConfigKey.HOOKS_BEFORE_DEPLOYMENT), v.text(ConfigKey.HOOKS_AFTER_DEPLOYMENT)),
                warnings, source, folders);
    }

    /** migrations: and testMigrations:, each one folder or a list, against the file's folder. */
    private static MigrationFolders folders(ConfigValues v, Path source) {
        java.util.function.Function<String, Path> resolved = folder -> {
            Path path = Path.of(folder);
            return source != null && !path.isAbsolute() ? source.getParent().resolve(path).normalize() : path;
        };
        List<String> migrations = v.list(ConfigKey.MIGRATIONS);
        if (migrations.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, (source != null ? source : "flotilla.yml") + ": migrations"
                    + " names no folder: give one (migrations: db/tenant_migrations) or a list of them.");
        }
        return new MigrationFolders(migrations.stream().map(resolved).toList(),
                v.list(ConfigKey.TEST_MIGRATIONS).stream().map(resolved).toList());
    }
}
