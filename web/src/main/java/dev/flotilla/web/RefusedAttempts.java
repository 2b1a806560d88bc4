package dev.flotilla.web;

import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.fleet.FleetActions;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collection;
import java.util.List;

/**
 * The requests that try to change production (deploy, retry, resume, stop, roll back, restore, create a tenant) and
 * their refusals in the audit log, for every such route in this one place, where the console answers them: a route
 * registered through {@link #as} names its action, and a refusal of it (the test gate's "Not what was tested", a deploy
 * without a test in the wizard, a restore naming no backup, a tenant not registered, a body that is not JSON...) is
 * recorded as that action, outcome {@code denied}, with who asked, from where, the deployment or tenant it was about,
 * what it asked for and why it was refused. A refusal recorded where it was raised (a role's, a CSRF token's, the
 * engine's through {@link FleetActions#audited}) is not recorded twice.
 */
final class RefusedAttempts {
    private static final String ATTEMPT = "flotilla.attempt";

    /** What {@code {id}} in a route's path names, for the entry's deployment or tenant. */
    enum PathId {
        NONE, DEPLOYMENT, TENANT
    }

    /**
     * What a request tries: its action (null for a page that only asks first, as a confirmation does), the deployment
     * or tenant it names, and what its body asks for (or null).
     */
    private record Attempt(String action, String deployment, String tenant, String asked) {
    }

    private RefusedAttempts() {
    }

    /** The route's handler, its refusals audited as {@code action} about what its path's {@code {id}} names. */
    static Handler as(String action, PathId id, Handler handler) {
        return ctx -> {
            String named = id == PathId.NONE ? null : ctx.pathParam("id");
            ctx.attribute(ATTEMPT, new Attempt(action, id == PathId.DEPLOYMENT ? named : null, id == PathId.TENANT ? named : null,
                    null));
            handler.handle(ctx);
        };
    }

    /**
     * The route's handler, a page that asks before an attempt (a confirmation): not an attempt itself, but a role's
     * refusal of it names what its path's {@code {id}} names, as the attempt's would.
     */
    static Handler about(PathId id, Handler handler) {
        return as(null, id, handler);
    }

    /** The deployment the request names in its path, or null: in the audit entry of any refusal of it. */
    static String deployment(Context ctx) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        return attempt == null ? null : attempt.deployment();
    }

    /** The tenant the request names (in its path, or the only one its body chose), or null. */
    static String tenant(Context ctx) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        return attempt == null ? null : attempt.tenant();
    }

    /** What the attempt asks for, once its route has read it: named in the entry of a refusal that comes after. */
    static void asked(Context ctx, List<String> versions, Collection<TenantId> tenants) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        if (attempt != null) {
            ctx.attribute(ATTEMPT, new Attempt(attempt.action(), attempt.deployment(), FleetActions.onlyOne(tenants),
                    "versions " + String.join(",", versions) + "; " + dev.flotilla.tenant.TenantSelection.describe(tenants)));
        }
    }

    /** Audits the refusal if it ends an attempt of a signed-in user and is not in the audit log yet. */
    static void record(Console console, Context ctx, Console.Refusal refusal) {
        if (!refusal.inAuditLog()) {
            record(console, ctx, refusal.status(), refusal.title(), refusal.getMessage());
        }
    }

    /**
     * Audits Flotilla's refusal (400) or failure on a target (422) of the attempt, unless {@link FleetActions} recorded it
     * (as it records the engine's refusal of a deploy, a resume...).
     */
    static void record(Console console, Context ctx, int status, dev.flotilla.FlotillaException e) {
        if (!console.actions().inAuditLog(e)) {
            record(console, ctx, status, e.code().name(), e.getMessage());
        }
    }

    /**
     * Audits a refusal ({@code detail}, said to the user: a gate's reason names dry runs, versions, files and tenants,
     * never a password) of the request's attempt, if it is one and a signed-in user made it: outcome {@code denied},
     * or {@code failed} for a 422 (it failed on a target before it started).
     */
    static void record(Console console, Context ctx, int status, String title, String detail) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        Principal who = Console.principal(ctx);
        if (attempt == null || attempt.action() == null || who == null) {
            return;
        }
        String details = title + " (" + status + "): " + detail + (attempt.asked() == null ? "" : " Asked for " + attempt.asked() + ".");
        try {
            console.actions().audit(who, attempt.action(), attempt.tenant(), attempt.deployment(), details,
                    status == 422 ? "failed" : "denied");
        } catch (RuntimeException e) {
            // The request is refused all the same; the operator learns the audit log missed it.
            ConsoleLog.of(console.fleet()).line("the refusal of " + ctx.method() + " " + ctx.path() + " by " + who.user()
                    + " could not be audited: " + e.getMessage());
        }
    }
}
