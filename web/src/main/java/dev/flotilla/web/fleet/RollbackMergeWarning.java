package dev.flotilla.web.fleet;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetRollback;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.TenantMergeGuard;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the merge guard finds, as the confirmation of a deployment's rollback renders, on a shared schema: the refusals
 * pressing its button would meet (its down files dropping the tenant column under the rows of more than one tenant, or a
 * target the guard cannot read), so that the administrator sees them before pressing it. Reads each target once, at the
 * fleet's concurrency and per-server limit, each connection opened within {@link #READ_WITHIN} at most, so that a server
 * that does not answer holds the page that long, not deploy.connectTimeout; runs nothing. Immutable.
 *
 * @param refusals the guard's refusals, masked as every page's text is
 * @param unread the targets it could not read, each with its tenants ({@code app (tenants acme, globex)}), masked
 * @param notices what it says without refusing (a filter on the tenant column the down files take away from a view or
 *     a table's row-level security, a guess it let through), masked
 */
public record RollbackMergeWarning(List<String> refusals, List<String> unread, List<String> notices) {
    /** How long the page waits at most for one target's connection to open. */
    public static final Duration READ_WITHIN = Duration.ofSeconds(3);
    public static final RollbackMergeWarning NONE = new RollbackMergeWarning(List.of(), List.of(), List.of());

    public RollbackMergeWarning {
        refusals = List.copyOf(refusals);
        unread = List.copyOf(unread);
        notices = List.copyOf(notices);
    }

    public RollbackMergeWarning(List<String> refusals, List<String> unread) {
        this(refusals, unread, List.of());
    }

    /** {@link #READ_WITHIN} in words, for the page. */
    public static String readWithin() {
        return READ_WITHIN.toSeconds() + " s";
    }

    /**
     * The guard's findings on rolling {@code deployment} back now; none when the fleet is not a shared schema, or when the
     * rollback is refused for another reason (said when the button is pressed).
     */
    public static RollbackMergeWarning of(ConsoleFleet fleet, String deployment) {
        String column = fleet.sharedTenantColumn();
        if (column == null) {
            return NONE;
        }
        try {
            LoadedMigrations migrations = fleet.loadMigrations();
            List<TenantTarget> registered = fleet.targets(fleet.plane().tenants().all().stream().map(TenantRecord::tenant)
                    .toList());
            Map<TenantId, RollbackRequest> requests = new FleetRollback(fleet.plane(), fleet.template(), migrations,
                    fleet.deploy(), FleetListener.SILENT).requests(deployment, registered);
            TenantMergeGuard.Findings findings = new TenantMergeGuard(fleet.template(), migrations,
                    fleet.deploy().concurrency(), column).readingWithin(fleet.deploy().perServer(), READ_WITHIN)
                    .check(registered.stream().filter(t -> requests.containsKey(t.tenant().id())).toList(), requests);
            return new RollbackMergeWarning(findings.refusals().stream().map(e -> fleet.plane().scrub(e.getMessage())).toList(),
                    findings.unchecked().stream().map(u -> fleet.plane().scrub(u.target() + (u.tenants().isEmpty() ? ""
                            : " (tenants " + String.join(", ", u.tenants()) + ")"))).toList(),
                    findings.notices().stream().map(fleet.plane()::scrub).toList());
        } catch (FlotillaException e) {
            return NONE;
        }
    }
}
