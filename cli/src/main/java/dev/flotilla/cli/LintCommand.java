package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.ConfigLoader;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.lint.LintContext;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.lint.LintRule;
import dev.flotilla.lint.LintSeverity;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.sql.Dialect;
import dev.flotilla.tenant.TenancyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lint", header = "Check the migration files for risky operations.",
        description = {"Check the migration files for risky operations without connecting anywhere:",
        "dropped tables and columns, NOT NULL without default, table rewrites and CREATE INDEX without CONCURRENTLY",
        "(PostgreSQL), foreign keys without an index, several DDL statements in one MariaDB migration, tables without",
        "the tenant column (shared-schema), tenant tables without row-level security (PostgreSQL, with checks.rls).",
        "Exit 1 when a rule warns. A dry run lints too, knowing the target's tables."})
final class LintCommand extends FlotillaSubcommand {
    @Option(names = "--migrations", paramLabel = "DIR", description = "Folder of migration files (default: from flotilla.yml, else db/tenant_migrations).")
    Path migrations;

    @Option(names = "--dialect", paramLabel = "NAME", description = "postgresql, mariadb, mysql, sqlite or h2 (default: from --url or flotilla.yml).")
    String dialect;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Only to tell the dialect; nothing connects.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml when it exists).")
    Path configFile;

    @Option(names = "--schema", description = "The value of $${schema} in the migrations (default: the word 'schema').")
    String schema;

    @Option(names = "--user", description = "Accepted as every command of one target takes it; lint connects nowhere and uses no user.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Accepted as every command of one target takes it;"
            + " lint connects nowhere and reads no password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Accepted as every command of one target takes it;"
            + " lint connects nowhere and reads no password.")
    Path passwordFile;

    @Option(names = "--disable", paramLabel = "RULE", split = ",", description = "Rule ids to switch off, on top of lint.disabled.")
    List<String> disable = new ArrayList<>();

    LintCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "lint";
    }

    @Override
    int execute() {
        FlotillaConfig config = config();
        Path folder = migrations != null ? migrations : config != null ? config.migrations() : Path.of("db/tenant_migrations");
        Map<String, String> placeholders = new LinkedHashMap<>(config != null ? config.placeholders() : Map.of());
        if (schema != null) {
            placeholders.put("schema", schema);
        }
        LoadedMigrations loaded = new MigrationLoader(placeholders.keySet()).load(folder);
        Warnings.print(output, loaded);
        Dialect target = dialect(config);
        Set<String> disabled = new LinkedHashSet<>(disable);
        if (config != null) {
            disabled.addAll(config.lint().disabled());
        }
        String tenantColumn = config != null && TenancyModel.parse(config.tenancy().model()) == TenancyModel.SHARED_SCHEMA
                ? config.tenancy().tenantColumn() : null;
        LintOptions options = new LintOptions(disabled, tenantColumn,
                config != null ? config.lint().largeTableRows() : LintOptions.DEFAULT_LARGE_TABLE_ROWS,
                config != null && config.checks().rls() != null ? config.checks().rls().column() : null,
                config != null && config.checks().tenantColumn() != null ? config.checks().tenantColumn().exclude() : Set.of());
        TargetRunner.LintReport report = TargetRunner.lint(loaded, placeholders, target, LintContext.of(target, options));
        report.findings().forEach(f -> output.line(output.yellow(f.severity().name().toLowerCase()) + " [" + f.rule() + "] "
                + f.script() + (f.line() > 0 ? ":" + f.line() : "") + " " + f.message()));
        long warnings = report.findings().stream().filter(f -> f.severity() == LintSeverity.WARNING).count();
        int unsplittable = report.problems().size();
        output.line("Linted " + loaded.migrations().size() + " migration(s) for " + target.name() + ": " + warnings
                + " warning(s), " + (report.findings().size() - warnings) + " note(s)"
                + (unsplittable == 0 ? "." : "; " + unsplittable + " could not be read into statements, so not linted:"));
        List<Map<String, Object>> errors = new ArrayList<>(Errors.of(report.problems()));
        if (warnings > 0) {
            errors.add(Map.of("code", ErrorCode.LINT_WARNING.name(), "message", warnings + " lint warning(s); fix the"
                    + " migrations or switch rules off in lint.disabled (" + String.join(", ", ruleIds()) + ")."));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dialect", target.name());
        data.put("findings", report.findings().stream().map(DryRunReports::finding).toList());
        return output.finish(name(), data, errors);
    }

    private FlotillaConfig config() {
        Path file = configFile != null ? configFile : Path.of("flotilla.yml");
        if (configFile == null && !Files.exists(file)) {
            return null;
        }
        FlotillaConfig config = ConfigLoader.load(file, configFile != null, environment);
        config.warnings().forEach(output::warn);
        return config;
    }

    private Dialect dialect(FlotillaConfig config) {
        if (dialect != null) {
            String name = dialect.toLowerCase(java.util.Locale.ROOT);
            String known = switch (name) {
                case "postgresql", "postgres", "pg" -> "postgresql";
                case "mariadb", "mysql", "sqlite", "h2" -> name;
                default -> throw new FlotillaException(ErrorCode.UNKNOWN_DIALECT, "Unknown --dialect '" + dialect
                        + "': use postgresql, mariadb, mysql, sqlite or h2.");
            };
            return Dialect.forUrl("jdbc:" + known + ":");
        }
        String source = url != null ? url : config == null ? null
                : config.tenancy().url() != null ? config.tenancy().url() : config.tenancy().urlTemplate();
        if (source == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Lint needs the dialect: pass --dialect postgresql|mariadb|sqlite|h2,"
                    + " or --url, or run it beside a flotilla.yml with tenancy.url.");
        }
        return Dialect.forUrl(source);
    }

    private static List<String> ruleIds() {
        return java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList();
    }
}
