package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.cli.config.ConfigLoader;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetVerify;
import dev.flotilla.run.TargetRunner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.TenantVerification;
import dev.flotilla.run.VerificationRecords;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.SchemaWideFindings;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", header = "Run the verification checks on one target or on tenants.",
        description = {"Run the verification checks on one target (--url) or on tenants of the fleet",
        "(--tenants/--group/--all, in parallel: --concurrency, --per-server): foreign-key orphans and rules, the tenant column, history, index usage, and the",
        "custom assertions and scenarios of checks.folder (scenarios are always rolled back). Exit 1 when a check fails."})
final class VerifyCommand extends TargetOrFleetCommand {
    @Option(names = "--checks-folder", paramLabel = "DIR", description = "Folder of custom checks (default: checks.folder).")
    Path checksFolder;

    @Option(names = "--clear-unexamined", description = {"Also clear a tenant's earlier failures of checks a verify skips"
            + " (row-counts and expected-objects run in a deployment only), once you have fixed what they found;"
            + " without it they keep the tenant failed-verification."})
    boolean clearUnexamined;

    @Option(names = "--tenant-column", paramLabel = "NAME", description = {"Check this tenant column on every table (the"
            + " tenant-column check), as `tenancy adopt --tenant-column` added it; wins over checks.tenant-column."})
    String tenantColumn;

    @Option(names = "--exclude", split = ",", paramLabel = "TABLE", description = "With --tenant-column: tables shared by"
            + " all tenants, left without the column (as `tenancy adopt --exclude`).")
    List<String> exclude = new ArrayList<>();

    VerifyCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "verify";
    }

    @Override
    int fleet(FleetContext context) {
        List<TenantTarget> targets = context.targets(selection.select(context.plane()));
        LoadedMigrations migrations = context.loadMigrations();
        output.progress("Verifying " + targets.size() + " tenant(s)...");
        List<TenantVerification> checked = new FleetVerify(context.template(ValidationPolicy.STRICT), migrations,
                withFlags(context.verifyOptions()), context.sharedTenantColumn(), context.concurrency(), context.perServer()).run(targets);
        // An earlier failure of a check this verify skipped (row-counts) stands: reported failed, not ok.
        List<TenantVerification> results = VerificationRecords.record(context.plane(), checked, clearUnexamined);
        context.plane().audit().record(context.actor(), "verify", results.size() == 1 ? results.get(0).tenant().value() : null,
                null, VerificationRecords.summary(results), VerificationRecords.outcome(results), null);
        return finish(results, false, false);
    }

    @Override
    int single() {
        TargetOptions options = target.toOptions(environment, output);
        VerifyOptions verify = withFlags(configFile != null || Files.exists(Path.of("flotilla.yml"))
                ? ConfigLoader.load(configFile != null ? configFile : Path.of("flotilla.yml"), configFile != null, environment).checks()
                : VerifyOptions.DEFAULTS);
        Flotilla flotilla = Flotilla.load(options);
        List<CheckResult> results = new TargetRunner(options, flotilla.migrations()).verify(verify, TenantScope.WHOLE_TARGET);
        // A target without --tenant is named as migrate and dry-run name it: its masked URL and schema, no made-up id.
        String tenant = options.tenant() != null ? options.tenant() : UNNAMED;
        return finish(List.of(new TenantVerification(dev.flotilla.tenant.TenantId.of(tenant), options.target().displayName(),
                results, null, null)), true, options.tenant() == null);
    }

    /** The id a single target without --tenant is verified under; it is never printed. */
    private static final String UNNAMED = "target";

    private VerifyOptions withFlags(VerifyOptions options) {
        VerifyOptions withFolder = checksFolder == null ? options : options.withFolder(checksFolder.toAbsolutePath());
        if (tenantColumn == null) {
            if (!exclude.isEmpty()) {
                throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "--exclude " + String.join(",", exclude)
                        + " names the tables the tenant column check leaves alone: give the column with --tenant-column NAME too.");
            }
            return withFolder;
        }
        return withFolder.replacingTenantColumn(new VerifyOptions.TenantColumnRule(tenantColumn, java.util.Set.copyOf(exclude)));
    }

    /** How a result's line names what was verified: the tenant and its target, or the target alone. */
    private String named(TenantVerification result, boolean unnamedTarget) {
        return unnamedTarget ? result.target() : result.tenant().value() + " (" + result.target() + ")";
    }

    private int finish(List<TenantVerification> results, boolean oneTarget, boolean unnamedTarget) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> tenants = new ArrayList<>();
        SchemaWideFindings schemaWide = new SchemaWideFindings();
        SchemaWideFindings schemaWideErrors = new SchemaWideFindings();
        for (TenantVerification result : results) {
            String id = unnamedTarget ? null : result.tenant().value();
            if (result.error() != null) {
                output.line(output.red(result.statusWord()) + " " + (unnamedTarget ? result.target() : id) + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), id));
            } else {
                output.line((result.ok() ? output.green("ok") : output.red("FAILED")) + " " + named(result, unnamedTarget) + ": "
                        + CheckReports.count(result.results()));
                CheckReports.print(output, "    ", result.results().stream().filter(r -> !r.ok() || results.size() == 1).toList(),
                        schemaWide, result.target());
                // On stderr a schema-wide failure is said in full once per target, as above; the JSON gives every tenant it whole.
                result.results().stream().filter(r -> !r.ok()).forEach(r -> errors.add(Errors.forCheck(r.id() + ": "
                        + (output.json() ? r.message() : schemaWideErrors.message(result.target(), r)), id, r.id())));
            }
            Map<String, Object> entry = result.asMap();
            if (unnamedTarget) {
                entry.put("id", null);
            }
            tenants.add(entry);
        }
        output.line(oneTarget ? "Verified " + named(results.get(0), unnamedTarget) + ": " + outcome(results.get(0)) + "."
                : summary(results));
        return output.finish(name(), Map.of("tenants", tenants), errors);
    }

    /** A tenant's or a target's outcome: ok, failed, or why its checks could not run (refused, locked, unreachable, error). */
    private static String outcome(TenantVerification result) {
        return result.ok() ? "ok" : result.error() != null ? result.statusWord() : "failed";
    }

    /** The fleet's last line: how many tenants, how many ok, the others counted by {@link #outcome}. */
    private static String summary(List<TenantVerification> results) {
        Map<String, Long> notOk = new java.util.TreeMap<>(results.stream().filter(r -> !r.ok()).collect(
                java.util.stream.Collectors.groupingBy(VerifyCommand::outcome, java.util.stream.Collectors.counting())));
        long ok = results.size() - notOk.values().stream().mapToLong(Long::longValue).sum();
        return "Verified " + results.size() + " tenant(s): " + ok + " ok" + (notOk.isEmpty() ? ", 0 failed"
                : notOk.entrySet().stream().map(e -> ", " + e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining())) + ".";
    }

}
