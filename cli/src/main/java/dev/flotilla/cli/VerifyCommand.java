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
                withFolder(context.verifyOptions()), context.sharedTenantColumn(), context.concurrency(), context.perServer()).run(targets);
        // An earlier failure of a check this verify skipped (row-counts) stands: reported failed, not ok.
        List<TenantVerification> results = VerificationRecords.record(context.plane(), checked, clearUnexamined);
        context.plane().audit().record(context.actor(), "verify", results.size() == 1 ? results.get(0).tenant().value() : null,
                null, VerificationRecords.summary(results), VerificationRecords.outcome(results), null);
        return finish(results);
    }

    @Override
    int single() {
        TargetOptions options = target.toOptions(environment, output);
        VerifyOptions verify = withFolder(configFile != null || Files.exists(Path.of("flotilla.yml"))
                ? ConfigLoader.load(configFile != null ? configFile : Path.of("flotilla.yml"), configFile != null, environment).checks()
                : VerifyOptions.DEFAULTS);
        Flotilla flotilla = Flotilla.load(options);
        List<CheckResult> results = new TargetRunner(options, flotilla.migrations()).verify(verify, TenantScope.WHOLE_TARGET);
        String id = options.tenant() != null ? options.tenant() : options.target().displayName();
        return finish(List.of(new TenantVerification(dev.flotilla.tenant.TenantId.of(safeId(id)), options.target().displayName(),
                results, null, null)));
    }

    /** What the tenant's state says of checks that failed, as a deploy says it; null when every check passed. */
    /** A display id for a target without a tenant: letters, digits, '_' and '-' only. */
    private static String safeId(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        return cleaned.isEmpty() ? "target" : cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    }

    private VerifyOptions withFolder(VerifyOptions options) {
        return checksFolder == null ? options : options.withFolder(checksFolder.toAbsolutePath());
    }

    private int finish(List<TenantVerification> results) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> tenants = new ArrayList<>();
        SchemaWideFindings schemaWide = new SchemaWideFindings();
        SchemaWideFindings schemaWideErrors = new SchemaWideFindings();
        for (TenantVerification result : results) {
            String id = result.tenant().value();
            if (result.error() != null) {
                output.line(output.red(result.statusWord()) + " " + id + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), id));
            } else {
                output.line((result.ok() ? output.green("ok") : output.red("FAILED")) + " " + id + " (" + result.target() + "): "
                        + CheckReports.count(result.results()));
                CheckReports.print(output, "    ", result.results().stream().filter(r -> !r.ok() || results.size() == 1).toList(),
                        schemaWide, result.target());
                // On stderr a schema-wide failure is said in full once per target, as above; the JSON gives every tenant it whole.
                result.results().stream().filter(r -> !r.ok()).forEach(r -> errors.add(Errors.forCheck(r.id() + ": "
                        + (output.json() ? r.message() : schemaWideErrors.message(result.target(), r)), id, r.id())));
            }
            tenants.add(result.asMap());
        }
        // A tenant whose checks could not run is counted by why (refused, locked, unreachable, error), as its line says.
        Map<String, Long> notOk = new java.util.TreeMap<>(results.stream().filter(r -> !r.ok()).collect(
                java.util.stream.Collectors.groupingBy(r -> r.error() != null ? r.statusWord() : "failed",
                        java.util.stream.Collectors.counting())));
        long ok = results.size() - notOk.values().stream().mapToLong(Long::longValue).sum();
        output.line("Verified " + results.size() + " tenant(s): " + ok + " ok" + (notOk.isEmpty() ? ", 0 failed"
                : notOk.entrySet().stream().map(e -> ", " + e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining())) + ".");
        return output.finish(name(), Map.of("tenants", tenants), errors);
    }

}
