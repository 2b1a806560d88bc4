package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.lint.LintRule;
import dev.flotilla.lint.LintSeverity;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.TenantCensus;
import dev.flotilla.run.LintAcrossDialects;
import dev.flotilla.run.LintScope;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lint", header = "Check the migration files for risky operations.",
        description = {"Check the migration files for risky operations without connecting to a tenant:",
        "dropped tables and columns, NOT NULL without default, table rewrites and CREATE INDEX without CONCURRENTLY",
        "(PostgreSQL), foreign keys without an index, several DDL statements in one MariaDB migration, tables without",
        "the tenant column (shared-schema), tenant tables without row-level security (PostgreSQL, with checks.rls),",
        "PostgreSQL-only forms on MariaDB (CONCURRENTLY). Linted in the dialect of --dialect or --url, else in every",
        "dialect of the tenants registered in the control plane, else in tenancy's; each finding names its dialects.",
        "--since VERSION (or lint.since) lints only the files above VERSION, --pending only those pending on a tenant",
        "(read as plan reads them); a finding in a file that already ran says to leave the file be (its checksum).",
        "Exit 1 when a rule warns. A dry run lints too, knowing the target's tables."})
final class LintCommand extends FlotillaSubcommand {
    @Option(names = "--migrations", paramLabel = "DIR", split = ",", description = "Folder of migration files; repeat it (or"
            + " separate folders with commas) for several (default: from flotilla.yml, else db/tenant_migrations).")
    List<Path> migrations = new ArrayList<>();

    @Option(names = "--test-migrations", paramLabel = "DIR", split = ",", description = "Folder of test-only migrations, linted"
            + " with the others (default: testMigrations: in flotilla.yml).")
    List<Path> testMigrations = new ArrayList<>();

    @Option(names = "--dialect", paramLabel = "NAME", description = "postgresql, mariadb, mysql, sqlite or h2 (default: from --url,"
            + " else every dialect of the registered tenants, else tenancy's).")
    String dialect;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "To tell the dialect; nothing connects but with"
            + " --pending, which reads this target's history.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml when it exists).")
    Path configFile;

    @Option(names = "--schema", description = "The value of $${schema} in the migrations (default: the word 'schema').")
    String schema;

    @Option(names = "--user", description = "The user --pending reads --url's history as; unused otherwise.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "The variable holding --url's password, for"
            + " --pending; no password is read otherwise.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The file holding --url's password, for"
            + " --pending; no password is read otherwise.")
    Path passwordFile;

    @Mixin
    LintScopeOptions scopeOptions;

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
        Path file = configFile != null ? configFile : Path.of("flotilla.yml");
        try (FleetContext fleet = configFile != null || Files.exists(file) ? new FleetContext(configFile, output, environment) : null) {
            return lint(fleet);
        }
    }

    /** @param fleet the configuration and control plane, null without a flotilla.yml */
    private int lint(FleetContext fleet) {
        FlotillaConfig config = fleet == null ? null : fleet.config();
        scopeOptions.check(url != null);
        // Flags win over flotilla.yml (FLOTILLA_MIGRATIONS layered in); without a file, as a command of one target has them.
        MigrationFolders folders = config == null ? MigrationFolderFlags.folders(migrations, testMigrations, environment)
                : new MigrationFolders(migrations.isEmpty() ? config.folders().folders() : migrations,
                        testMigrations.isEmpty() ? config.folders().testOnly() : testMigrations);
        Map<String, String> placeholders = new LinkedHashMap<>(config != null ? config.placeholders() : Map.of());
        // A placeholder whose variable is not set stands for its own name: lint reads statements, which no value changes.
        if (config != null) {
            config.unsetPlaceholders().keySet().forEach(name -> placeholders.put(name, name));
        }
        if (schema != null) {
            placeholders.put("schema", schema);
        }
        LoadedMigrations loaded = new MigrationLoader(placeholders.keySet()).load(folders);
        Warnings.print(output, loaded);
        List<String> notices = VersionGapNotices.print(output, loaded);
        Registered registered = registered(fleet);
        List<Dialect> dialects = dialects(fleet, registered);
        LintScope scope = scope(fleet, config, folders, loaded, registered);
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
        // The whole folder is linted, so that a file's findings know what earlier files made; the scope keeps its files'.
        LintAcrossDialects.Result report = scope.apply(LintAcrossDialects.lint(loaded, placeholders, dialects, options));
        report.findings().forEach(found -> {
            LintFinding f = found.finding();
            output.line(output.yellow(f.severity().name().toLowerCase()) + " [" + f.rule() + "] " + f.script()
                    + (f.line() > 0 ? ":" + f.line() : "") + " (" + String.join(", ", found.dialects()) + ") " + f.message());
        });
        long errors = report.findings().stream().filter(f -> f.finding().severity() == LintSeverity.ERROR).count();
        long warnings = report.warnings() - errors;
        int unsplittable = report.problems().size();
        int total = loaded.migrations().size();
        List<String> names = dialects.stream().map(Dialect::name).toList();
        output.line("Linted " + (scope.skipped().isEmpty() ? "" : total - scope.skipped().size() + " of ") + total
                + " migration(s) for " + String.join(", ", names) + ": "
                + (errors == 0 ? "" : errors + " error(s), ") + warnings + " warning(s), "
                + (report.findings().size() - warnings - errors) + " note(s)"
                + (unsplittable == 0 ? "." : "; " + unsplittable + " could not be read into statements, so not linted:"));
        LintScopeText.skipped(output, scope);
        List<Map<String, Object>> problems = new ArrayList<>(Errors.of(report.problems()));
        if (report.warnings() > 0) {
            problems.add(Map.of("code", ErrorCode.LINT_WARNING.name(), "message", LintScopeText.warned(scope, report,
                    errors, warnings, ruleIds())));
        }
        Map<String, Object> data = data(names, report, scope);
        data.put("notices", notices);
        return output.finish(name(), data, problems);
    }

    /** Which files are reported on (see {@link LintScopeOptions}); with the fleet's counts, where each already ran. */
    private LintScope scope(FleetContext fleet, FlotillaConfig config, MigrationFolders folders, LoadedMigrations loaded,
                            Registered registered) {
        LintScope scope = scopeOptions.withoutTenants(loaded, config == null ? null : config.lint().since());
        if (scope != null) {
            return registered == null ? scope : scope.withRanAsLastLearned(loaded, registered.versions());
        }
        if (url != null) {
            return scopeOptions.pendingOnTarget(targetOptions(config, folders), loaded);
        }
        if (fleet == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "lint --pending reads what is pending on the tenants: run it"
                    + " beside a flotilla.yml whose control plane has them, or give --url for one target.");
        }
        LintScope pending = scopeOptions.pendingOnFleet(fleet, loaded);
        if (!scopeOptions.unread.isEmpty()) {
            output.warn("lint --pending could not read " + scopeOptions.unread.size() + " tenant(s), so their pending files"
                    + " are linted only where pending on another: " + String.join("; ", scopeOptions.unread.entrySet()
                    .stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
        }
        return pending;
    }

    /** The target of --url with its login, for --pending. */
    private TargetOptions targetOptions(FlotillaConfig config, MigrationFolders folders) {
        output.addSecretsOf(url);
        Secret password = Passwords.read(passwordEnv, passwordFile, environment, "--password-env", "--password-file");
        if (password != null) {
            output.addSecret(password);
        }
        TargetSpec spec = new TargetSpec(url, user, password, schema,
                config != null ? config.historyTable() : TargetSpec.DEFAULT_HISTORY_TABLE);
        return new TargetOptions(spec, folders.first(), config != null ? config.placeholders() : Map.of(), null, null,
                TargetOptions.DEFAULT_LOCK_TIMEOUT, TargetOptions.DEFAULT_STATEMENT_TIMEOUT, null, null, folders);
    }

    /** {@code dialect} only when one was linted, as before mixed fleets were. */
    private Map<String, Object> data(List<String> dialects, LintAcrossDialects.Result report, LintScope scope) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (dialects.size() == 1) {
            data.put("dialect", dialects.get(0));
        }
        data.put("dialects", dialects);
        data.put("findings", report.findings().stream().map(found -> {
            Map<String, Object> entry = DryRunReports.finding(found.finding());
            entry.put("dialects", found.dialects());
            entry.put("ranOn", LintScopeText.ranOn(scope.ran(found.finding().script())));
            return entry;
        }).toList());
        data.put("scope", scope.mode().word());
        data.put("skipped", scope.skipped().stream().map(LintScopeText::skippedJson).toList());
        if (scope.mode() == LintScope.Mode.PENDING) {
            data.put("unread", scopeOptions.unreadJson());
        }
        return data;
    }

    /** What the control plane knows of the registered tenants without reading one: their kinds of URL, their versions. */
    private record Registered(List<String> urlStarts, List<TenantCensus.AtVersion> versions) {
    }

    /**
     * The registered tenants, as the control plane last learned them; null without a control plane, for --url (a target
     * outside the fleet), or when the plane cannot be read (said on stderr: lint is a file check, and a pipeline's lint
     * step may have no way to the control plane).
     */
    private Registered registered(FleetContext fleet) {
        if (fleet == null || url != null || !fleet.hasPlane()) {
            return null;
        }
        try {
            var census = fleet.planeToRead().tenants().census();
            return new Registered(census.urlStarts(), census.versions());
        } catch (FlotillaException e) {
            output.warn("the control plane could not be read (" + e.code() + "), so " + (dialect == null
                    ? "the registered tenants' dialects are unknown: linted in tenancy's dialect only; pass --dialect to"
                    + " lint in another; and " : "") + "which files already ran is unknown: their findings advise as for"
                    + " new files.");
            return null;
        }
    }

    /**
     * The dialects to lint in: --dialect, else --url's, else those of the tenants registered in the control plane (a
     * mixed fleet has several), else the tenancy's.
     */
    private List<Dialect> dialects(FleetContext fleet, Registered registered) {
        if (dialect != null) {
            return List.of(named(dialect));
        }
        if (url != null) {
            return List.of(Dialect.forUrl(url));
        }
        var configured = fleet == null ? null : fleet.config().tenancy();
        String tenancyUrl = configured == null ? null : configured.url() != null ? configured.url() : configured.urlTemplate();
        if (tenancyUrl == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Lint needs the dialect: pass --dialect postgresql|mariadb|sqlite|h2,"
                    + " or --url, or run it beside a flotilla.yml with tenancy.url.");
        }
        List<Dialect> used = registered == null ? List.of()
                : LintAcrossDialects.of(fleet.tenancyForDisplay(), registered.urlStarts());
        return used.isEmpty() ? List.of(Dialect.forUrl(tenancyUrl)) : used;
    }

    private static Dialect named(String dialect) {
        String name = dialect.toLowerCase(java.util.Locale.ROOT);
        String known = switch (name) {
            case "postgresql", "postgres", "pg" -> "postgresql";
            case "mariadb", "mysql", "sqlite", "h2" -> name;
            default -> throw new FlotillaException(ErrorCode.UNKNOWN_DIALECT, "Unknown --dialect '" + dialect
                    + "': use postgresql, mariadb, mysql, sqlite or h2.");
        };
        return Dialect.forUrl("jdbc:" + known + ":");
    }

    private static List<String> ruleIds() {
        return java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList();
    }
}
