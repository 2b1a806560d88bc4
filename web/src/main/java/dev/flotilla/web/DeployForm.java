package dev.flotilla.web;

import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.DeploySkips;
import dev.flotilla.web.fleet.DeployTimeouts;
import dev.flotilla.web.fleet.DeployWaves;
import io.javalin.http.Context;

/**
 * What a deploy's confirmation form asks beside its choice: the timeouts (as {@code --lock-timeout} and
 * {@code --statement-timeout}), the concurrency, per-server limit and canaries (as {@code --concurrency}, {@code --per-server}, {@code --canary}) and what it
 * leaves out of the configured options, "Skip the backup" ({@code --skip-backup}, for a role that may), "Without
 * maintenance mode" ({@code --no-maintenance}) and "Skip the checks" ({@code --skip-checks}, for a role that may).
 */
final class DeployForm {
    private DeployForm() {
    }

    /** The form's timeouts; a blank one keeps the configured one. */
    static DeployTimeouts timeouts(Context ctx) {
        return DeployTimeouts.parse(ctx.formParam("lockTimeout"), "Lock timeout", ctx.formParam("statementTimeout"),
                "Statement timeout");
    }

    /**
     * The form's concurrency, per-server limit and canaries, as {@code --concurrency}, {@code --per-server},
     * {@code --canary} and {@code --canary-percent}; blank keeps the configured.
     */
    static DeployWaves waves(Context ctx) {
        return DeployWaves.parse(ctx.formParam("concurrency"), ctx.formParam("perServer"), ctx.formParam("canary"),
                ctx.formParam("canaryPercent"));
    }

    /** What the form's boxes leave out, refused (403, audited) for a role that may not skip the backup. */
    static DeploySkips skips(Console console, Context ctx) {
        return allowed(console, ctx, new DeploySkips("on".equals(ctx.formParam("skipBackup")),
                "on".equals(ctx.formParam("noMaintenance")), "on".equals(ctx.formParam("skipChecks"))));
    }

    /**
     * A resume's or retry's "Skip the backup" and "Skip the checks" boxes ({@code --skip-backup}, {@code --skip-checks}
     * given again), refused as {@link #skips} refuses them.
     */
    static DeploySkips continuedSkips(Console console, Context ctx) {
        return allowed(console, ctx, new DeploySkips("on".equals(ctx.formParam("skipBackup")), false,
                "on".equals(ctx.formParam("skipChecks"))));
    }

    /** {@code skips}, once the role that asked may skip the backup and the checks if they do (403 otherwise, audited as every role's refusal). */
    static DeploySkips allowed(Console console, Context ctx, DeploySkips skips) {
        if (skips.backup()) {
            console.require(ctx, Role.Permission.SKIP_BACKUP, "deploy without a backup");
        }
        if (skips.checks()) {
            console.require(ctx, Role.Permission.SKIP_CHECKS, "deploy without the checks");
        }
        return skips;
    }

    /** Whether the fleet runs tenant hooks (beforeTenant, afterTenant) that "Without maintenance mode" would leave out. */
    static boolean tenantHooks(ConsoleFleet fleet) {
        return fleet.deploy().hooks().beforeTenant() != null || fleet.deploy().hooks().afterTenant() != null;
    }
}
