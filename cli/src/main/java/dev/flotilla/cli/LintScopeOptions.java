package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.LintScope;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which files {@code flotilla lint} reports on: {@code --since VERSION}, {@code --pending} (read from the tenants'
 * histories, as {@code plan} reads them), {@code --all-files}, else {@code lint.since}, else every file.
 */
final class LintScopeOptions {
    @Option(names = "--since", paramLabel = "VERSION", description = "Lint only the versioned files above VERSION, and"
            + " every repeatable (default: lint.since, else every file).")
    String since;

    @Option(names = "--pending", description = "Lint only the files pending on at least one tenant (--tenants, --group,"
            + " --all; default every registered tenant) or on --url, read from their histories as plan reads them.")
    boolean pending;

    @Option(names = "--all-files", description = "Lint every file, whatever lint.since says.")
    boolean allFiles;

    @Mixin
    SelectionOptions selection;

    /** The tenants --pending could not read, each with why (empty otherwise). */
    final Map<String, String> unread = new LinkedHashMap<>();

    /** Refuses flags that do not go together, before anything is read. */
    void check(boolean withUrl) {
        int given = (since != null ? 1 : 0) + (pending ? 1 : 0) + (allFiles ? 1 : 0);
        if (given > 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Give one of --since, --pending and --all-files.");
        }
        if (selection.given() && (!pending || withUrl)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, withUrl ? "--tenants, --group and --all choose tenants of the"
                    + " fleet; --url lints for one target: give one or the other." : "--tenants, --group and --all choose"
                    + " the tenants whose pending files lint --pending lints: add --pending.");
        }
    }

    /** The scope without reading any tenant: --since or lint.since, else every file; null for --pending. */
    LintScope withoutTenants(LoadedMigrations loaded, String configured) {
        if (pending) {
            return null;
        }
        if (since != null) {
            return LintScope.since(loaded, version(since, "--since"), "--since " + since);
        }
        if (configured != null && !allFiles) {
            return LintScope.since(loaded, version(configured, "lint.since"), "lint.since " + configured);
        }
        return LintScope.all();
    }

    /** --pending over the fleet: the files pending on the selected tenants that could be read. */
    LintScope pendingOnFleet(FleetContext fleet, LoadedMigrations loaded) {
        List<Tenant> tenants = selection.given() ? selection.select(fleet.planeToRead())
                : fleet.planeToRead().tenants().all().stream().map(dev.flotilla.control.TenantRecord::tenant).toList();
        if (tenants.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "lint --pending found no tenant to read: register them"
                    + " with `flotilla tenants add`, or lint with --since VERSION or --url.");
        }
        ValidationPolicy policy = ValidationPolicy.STRICT.withOutOfOrder(true); // a file a tenant lacks is pending there
        List<TenantPlan> plans = fleet.planner(loaded, policy).plan(fleet.targets(tenants));
        Map<String, TenantPlan> read = new LinkedHashMap<>();
        for (TenantPlan plan : plans) {
            String why = LintScope.unread(plan);
            if (why == null) {
                read.put(plan.tenant().value(), plan);
            } else {
                unread.put(plan.tenant().value(), why);
            }
        }
        if (read.isEmpty()) {
            TenantPlan first = plans.get(0);
            throw new FlotillaException(first.errorCode() != null ? first.errorCode() : ErrorCode.CONNECTION_FAILED,
                    "lint --pending read none of the " + plans.size() + " tenant(s) selected, so what is pending is unknown ("
                    + first.tenant().value() + ": " + unread.get(first.tenant().value()) + "). Make them reachable,"
                    + " or lint with --since VERSION, which reads no tenant.");
        }
        return LintScope.pending(loaded, read);
    }

    /** --pending on one target (--url): the files pending there. */
    LintScope pendingOnTarget(TargetOptions options, LoadedMigrations loaded) {
        TargetOptions outOfOrder = options.withPolicy(options.policy().withOutOfOrder(true));
        Flotilla flotilla = Flotilla.load(outOfOrder);
        TargetPlan plan = flotilla.status();
        flotilla.foreignHistory(plan).ifPresent(problem -> {
            throw new FlotillaException(problem.code(), problem.message());
        });
        String name = options.target().displayName();
        return LintScope.pendingOnTarget(loaded, name, TenantPlan.of(TenantId.of("target"), plan, name, outOfOrder.policy()));
    }

    /** The --pending tenants that could not be read, for JSON. */
    List<Map<String, Object>> unreadJson() {
        List<Map<String, Object>> entries = new ArrayList<>();
        unread.forEach((id, why) -> entries.add(Map.of("id", id, "reason", why)));
        return entries;
    }

    private static MigrationVersion version(String text, String where) {
        try {
            return MigrationVersion.parse(text);
        } catch (RuntimeException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, where + " takes a migration version (41, 2.1, 2024_05_01_120000),"
                    + " not '" + text + "'.");
        }
    }
}
