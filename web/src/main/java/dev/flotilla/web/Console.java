package dev.flotilla.web;

import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.LoginThrottle;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.auth.Sessions;
import dev.flotilla.web.fleet.FleetActions;
import dev.flotilla.web.view.Layout;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The services every route shares, and the small things every handler does with a request. */
record Console(ConsoleFleet fleet, WebSettings settings, Accounts accounts, Sessions sessions, LoginThrottle throttle,
               LoginThrottle tokenThrottle, FleetActions actions, Templates templates) {
    static final String PRINCIPAL = "flotilla.principal";

    /**
     * The session cookie's name, {@code flotilla_session_PORT}: a browser keeps cookies by host, not port, so two consoles
     * on one host (staging on 8080, production on 8081) need names of their own, or signing in to one signs out of the
     * other. The port is the one this console accepted the connection on, the same behind a proxy.
     */
    static String sessionCookie(Context ctx) {
        return "flotilla_session_" + ctx.req().getLocalPort();
    }

    /** The login form's CSRF cookie ({@code flotilla_login_PORT}), one per console as {@link #sessionCookie} is. */
    static String loginCookie(Context ctx) {
        return "flotilla_login_" + ctx.req().getLocalPort();
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /**
     * The client's address: the connection's, or behind a trusted proxy the nearest address in X-Forwarded-For that is
     * not one of the trusted proxies (anything further left the client could have written itself).
     */
    String clientAddress(Context ctx) {
        String remote = ctx.ip();
        String forwarded = ctx.header("X-Forwarded-For");
        if (!settings.trustedProxies().contains(remote) || forwarded == null) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !settings.trustedProxies().contains(hop)) {
                return hop.length() <= 64 ? hop : hop.substring(0, 64);
            }
        }
        return remote;
    }

    /** The caller may do this, or the request ends with 403 (and the refusal is audited). */
    void require(Context ctx, Role.Permission permission) {
        require(ctx, permission, permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /**
     * As {@link #require(Context, Role.Permission)}, the refusal saying what was asked ("accept a live schema") where the
     * permission's own name would call it something else (a deploy); the audit log names the permission as ever.
     */
    void require(Context ctx, Role.Permission permission, String asked) {
        Principal who = principal(ctx);
        if (who == null || !who.may(permission)) {
            if (who != null) {
                // With what the request named, as its attempt's own entries are: an auditor follows a deployment's refusals too.
                fleet.plane().audit().record(who.user(), "denied", RefusedAttempts.tenant(ctx), RefusedAttempts.deployment(ctx),
                        ctx.method() + " " + ctx.path() + " needs " + permission.name().toLowerCase(java.util.Locale.ROOT), "denied",
                        who.source());
            }
            throw new Refusal(403, "Forbidden", dev.flotilla.ErrorCode.FORBIDDEN,
                    "Your role (" + (who == null ? "none" : who.role().word())
                    + ") may not " + asked + " (" + mayAll(permission)
                    + " may).", true);
        }
    }

    /** The roles that have the permission, e.g. "platform_super_admin". */
    private static String mayAll(Role.Permission permission) {
        return java.util.Arrays.stream(Role.values()).filter(r -> r.may(permission)).map(Role::word)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Renders a full page in the frame, or only its fragment when htmx asks. */
    void page(Context ctx, String template, String title, String active, Object... keyValues) {
        Map<String, Object> parameters = parameters(keyValues);
        parameters.put("layout", new Layout(title, active, principal(ctx)));
        ctx.html(templates.render(template, parameters));
    }

    void fragment(Context ctx, String template, Object... keyValues) {
        ctx.html(render(ctx, template, keyValues));
    }

    /** A fragment's HTML, for the caller to send (e.g. as a server-sent event). */
    String render(Context ctx, String template, Object... keyValues) {
        Map<String, Object> parameters = parameters(keyValues);
        parameters.putIfAbsent("layout", new Layout("", "", principal(ctx)));
        return templates.render(template, parameters);
    }

    static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** Sends the browser elsewhere, also from inside an htmx request. */
    static void go(Context ctx, String location) {
        if (htmx(ctx)) {
            ctx.header("HX-Redirect", location);
            ctx.status(204);
        } else {
            ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private static Map<String, Object> parameters(Object... keyValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.put((String) keyValues[i], keyValues[i + 1]);
        }
        return parameters;
    }

    /**
     * Ends a request with a status and a message for the user: a page, or problem+json under /api. The refusal of an
     * attempt to change production is audited where it is answered ({@link RefusedAttempts}), unless it is in the audit
     * log already ({@code inAuditLog}: recorded where it was raised, as a role's refusal is).
     */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String title;
        private final boolean inAuditLog;
        /**
         * The code the page shows in small print beside the status, as a FlotillaException's page does, and the API's
         * problem carries as {@code errorCode}: never null, so that a program can match every refusal by its code.
         */
        private final dev.flotilla.ErrorCode code;

        Refusal(int status, String title, dev.flotilla.ErrorCode code, String detail) {
            this(status, title, code, detail, false);
        }

        Refusal(int status, String title, dev.flotilla.ErrorCode code, String detail, boolean inAuditLog) {
            super(detail);
            this.code = java.util.Objects.requireNonNull(code, "a refusal's error code");
            this.status = status;
            this.title = title;
            this.inAuditLog = inAuditLog;
        }

        dev.flotilla.ErrorCode code() {
            return code;
        }

        boolean inAuditLog() {
            return inAuditLog;
        }

        int status() {
            return status;
        }

        String title() {
            return title;
        }
    }
}
